"""An interactive latent-space explorer for the shipped generators (``ipywidgets``, Jupyter and Colab).

Choose the variant, the digit and the seed, then move sliders that shift single latent coordinates and
watch the image respond. Where no widget frontend runs (nbval, a notebook viewed on GitHub), the same
view is rendered as a static figure, so the cell always shows a result.
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence

import torch
from matplotlib.figure import Figure

from ..arguments import whole
from ..latent import walk
from ..pictures import image_grid
from ..sampling import generate, noise
from .shipped import pretrained, shipped_names

WALK = torch.linspace(-3, 3, 10)  # values a walked coordinate takes: N(0, 1) lies almost entirely in [-3, 3]


def _show(ax, grid) -> None:
    """Draw a grid from ``image_grid`` on ``ax``: grey on a grey colour map, colour as it is."""
    if grid.shape[-1] == 1:
        ax.imshow(grid[..., 0], cmap="gray", vmin=0, vmax=255)
    else:
        ax.imshow(grid)


class LatentExplorer:
    """The state of the explorer (variant, digit, seed, coordinate shifts) and the figure it draws."""

    def __init__(self, variant: str = "cdcgan", digit: int = 7, seed: int = 0, dims: Sequence[int] = (0, 1, 2, 3)):
        self.variant, self.digit, self.seed = variant, digit, seed
        self.shifts: Dict[int, float] = {d: 0.0 for d in dims}
        self._generators: Dict[str, torch.nn.Module] = {}

    def generator(self, variant: Optional[str] = None) -> torch.nn.Module:
        variant = variant or self.variant
        if variant not in self._generators:  # load each shipped generator once, on the CPU (fast enough)
            self._generators[variant] = pretrained(variant, device="cpu")
        return self._generators[variant]

    def latent(self) -> torch.Tensor:
        """The seed's noise vector with the slider shifts added to their coordinates."""
        G = self.generator()
        z = noise(1, G.latent_dim, self.seed)[0]
        outside = [dim for dim in self.shifts if whole(dim) is None or not 0 <= whole(dim) < G.latent_dim]
        if outside:
            raise ValueError(f"dims must be coordinates of the noise vector, 0 to {G.latent_dim - 1} for "
                             f"{self.variant}, got {outside[0]!r}")
        for dim, shift in self.shifts.items():
            z[dim] += shift
        return z

    def figure(self) -> Figure:
        """Left: the current image, large. Right: the same noise with each of the ten labels (conditional
        generators), or the first slider's coordinate walked from -3 to 3 (unconditional ones)."""
        G, z = self.generator(), self.latent()
        if G.n_classes and (whole(self.digit) is None or not 0 <= whole(self.digit) < G.n_classes):
            raise ValueError(f"digit must be a class number from 0 to {G.n_classes - 1} ({self.variant} has "
                             f"{G.n_classes} classes), got {self.digit!r}")
        if G.n_classes:
            strip = generate(G, z.repeat(G.n_classes, 1), torch.arange(G.n_classes))
            image, caption = strip[self.digit:self.digit + 1], "the same noise, each label 0-9"
        else:
            dim = next(iter(self.shifts), 0)
            strip = generate(G, walk(z, dim, WALK))
            image, caption = generate(G, z[None]), f"z[{dim}] walked from -3 to 3"
        figure = Figure(figsize=(9, 2.4), layout="constrained")
        left, right = figure.subplots(1, 2, width_ratios=[1, 4.2])
        _show(left, image_grid(image, 1))
        what = f"digit {self.digit}, " if G.n_classes else ""
        left.set_title(f"{self.variant}: {what}seed {self.seed}", fontsize=9)
        _show(right, image_grid(strip, len(strip)))
        right.set_title(caption, fontsize=9)
        for ax in (left, right):
            ax.set_xticks([]), ax.set_yticks([])
        return figure

    def show(self):
        """Display the static view, then the live controls where ipywidgets is installed."""
        from IPython.display import display  # IPython is there only inside Jupyter: imported on use

        display(self.figure())  # what readers without a live kernel (GitHub, nbval) see
        try:
            import ipywidgets as widgets  # optional: the live controls; without it the static view stays
        except ImportError:
            print("(pip install ipywidgets for the interactive version)")
            return None
        controls = {
            "variant": widgets.Dropdown(options=shipped_names(), value=self.variant, description="variant"),
            "digit": widgets.IntSlider(value=self.digit, min=0, max=9, description="digit"),
            "seed": widgets.BoundedIntText(value=self.seed, min=0, max=2**31 - 1, description="seed"),
            **{f"z{d}": widgets.FloatSlider(value=s, min=-3, max=3, step=0.1, description=f"shift z[{d}]")
               for d, s in self.shifts.items()},
        }

        def update(variant, digit, seed, **shifts):
            self.variant, self.digit, self.seed = variant, digit, seed
            self.shifts = {int(name[1:]): value for name, value in shifts.items()}
            controls["digit"].disabled = not self.generator().n_classes
            display(self.figure())

        live = widgets.interactive_output(update, controls)
        box = widgets.VBox([widgets.HBox([controls["variant"], controls["digit"], controls["seed"]]),
                            widgets.HBox([c for name, c in controls.items() if name.startswith("z")][:2]),
                            widgets.HBox([c for name, c in controls.items() if name.startswith("z")][2:]), live])
        display(box)
        return box
