"""Names of the analysis options, importable without numpy, scipy or networkx.

The CLI needs them to declare its options; keeping them here keeps 'parley --help' and every
command that does not compute a network free of those imports."""

AGREEMENT_KINDS = ("congruence", "conflict", "subtract")
NORMALIZATIONS = ("none", "average", "jaccard", "cosine")
NETWORK_FORMATS = ("graphml", "gexf", "csv", "dl")
PICTURE_FORMATS = ("svg", "png")   # the network drawn (analysis/draw)
REPORT_FORMATS = ("markdown", "html")
