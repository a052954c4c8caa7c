"""Slides: presentation mode's frames on screen, the presenter view, the PNG slides.

The frames and what each draws are computed in the model (:mod:`model.slides`,
:mod:`model.stage`); this package shows them: :mod:`~app.slides.deck` (the frames and the
current one), :mod:`~app.slides.surface` (a widget painting a frame),
:mod:`~app.slides.projector` (the slides full screen on a second screen),
:mod:`~app.slides.presenter` (the facilitator's screen), :mod:`~app.slides.export`
(``--slides`` PNGs), :mod:`~app.slides.frames_panel` (the facilitator's own frames) and
:mod:`~app.slides.matrix` (the prioritisation matrix on a slide).
"""
