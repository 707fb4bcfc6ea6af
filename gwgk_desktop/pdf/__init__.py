"""Printed output with reportlab (notice board, service guides, catalogue list, flowcharts,
forms). No Qt here."""

from reportlab import rl_config

# Flowchart shapes are built by our own code from checked domain values; reportlab's
# check of every attribute set on a shape (on by default) was 55,000 calls, 6 % of a notice
# board's profile. reportlab.graphics.shapes reads this once, when it is first imported, which
# is after this package (only gwgk_desktop.pdf draws shapes).
rl_config.shapeChecking = 0
