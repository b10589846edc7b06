"""The format of the batteries of student answers (tests/student_answers*.py): one dict per answer, made by
``answer`` or, for the training step in one of its four notebook settings, by ``step``."""

SETTINGS = {"unconditional": {}, "conditional": {"conditional": True}, "r1": {"r1_gamma": 4.0},
            "class": {"class_weight": 1.0}}


def battery():
    """``(ANSWERS, answer, step)``: an empty list and the two functions that append to it."""
    answers = []

    def answer(id, check, name, source, ok, words=(), args=None, student_bug=False):
        answers.append({"id": id, "check": check, "args": dict(args or {}), "name": name, "source": source,
                        "ok": ok, "words": list(words), "student_bug": student_bug})

    def step(id, name, source, ok, words=(), setting=None, student_bug=False):
        answer(id, "check_train_step", name, source, ok, words, SETTINGS[setting or "unconditional"], student_bug)

    return answers, answer, step
