"""Pictures of the comparison, drawn from the same numbers as the tables: the agreement
network, the actor x topic matrix as a coloured grid, and stance over time.

matplotlib (object API, no pyplot: no global figure state, safe in threads) writes SVG with
text kept as text (``svg.fonttype = 'none'``) and PNG; networkx lays the network out with a
fixed seed. Every label goes through ``canvas.label`` (one clean line, never parsed as
mathtext) and matplotlib's SVG writer escapes it, so a name like ``</svg><script>`` stays
literal text. Imports no Textual.
"""

from .canvas import figure_png, figure_svg
from .grid import draw_matrix
from .network import draw_network
from .timeline import draw_timelines

__all__ = ["draw_matrix", "draw_network", "draw_timelines", "figure_png", "figure_svg"]
