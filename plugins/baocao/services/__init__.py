"""The baocao module's operations, one module per section:

=============  =====================================================================
``periods``    reporting periods: month, quarter, six months, year, custom days
``dashboard``  indicators against targets, scope by reader, trends, drill-down
``charts``     accessible SVG trend charts and their PNG for the .docx
``reports``    periodic and year-end reports: free text, figures, issue as …/BC-UBND
``externals``  SIPAS, PAR INDEX, PAPI entered by staff, as trends
=============  =====================================================================
"""
from . import charts, dashboard, externals, periods, reports

__all__ = ["charts", "dashboard", "externals", "periods", "reports"]
