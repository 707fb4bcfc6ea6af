"""The bureau mode of the application (市局端): every station's reporting and what it lacks,
the city-wide catalogue, intake of packages, the key registry, reporting rounds, the
notice and the catalogue export. The pages call ``gwgk_desktop.bureau``; long jobs run in
``gui.jobs`` workers with a progress dialog."""
