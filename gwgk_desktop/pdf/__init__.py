"""Printed output with reportlab (notice board, service guides, catalogue list, flowcharts,
forms). No Qt here."""

from reportlab import rl_config

from gwgk_desktop.pdf import deferred_pattern

# Flowchart shapes are built by our own code from checked domain values; reportlab's
# check of every attribute set on a shape (on by default) was 55,000 calls, 6 % of a notice
# board's profile. reportlab.graphics.shapes reads this once, when it is first imported, which
# is after this package (only gwgk_desktop.pdf draws shapes).
rl_config.shapeChecking = 0
# Before any module here imports reportlab.platypus: its link-splitting pattern is compiled
# when first used, not on import (deferred_pattern: 28 ms of every print's start-up).
deferred_pattern.install()
