"""The course's tools, on top of the core and the evaluation layer, imported by neither.

- ``cli``: the command line (``python -m ganlib train|sample|evaluate|export|gif|bench|report|referee``)
- ``shipped``: the trained generators that ship in the package (``pretrained("cdcgan")``), and exporting a run
- ``runs``: a training run's output folder, its lock, what a finished run writes; the notebooks' GIFs
- ``bench``: speed measurements; ``experiments``: quality per minute of the course's recipes
- ``report``: the report's measurements, figures and tables; ``referees``: training a referee
- ``explorer``: the interactive latent-space explorer (ipywidgets)
"""
