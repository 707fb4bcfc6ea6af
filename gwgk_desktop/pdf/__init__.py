"""Printed output with reportlab (notice board, service guides, catalogue list, flowcharts,
forms). No Qt here."""
