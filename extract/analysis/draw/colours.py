"""Colours shared by every picture (Okabe-Ito, readable with the common colour-vision
deficiencies; every colour also has a letter or a legend entry, so nothing is colour-only)."""

STANCE = {
    "support": "#0072B2",      # blue
    "conditional": "#CC79A7",  # reddish purple
    "neutral": "#999999",      # grey
    "oppose": "#D55E00",       # vermillion
}
EMPTY = "#F2F2F2"

ACTOR_TYPE = {
    "country": "#E69F00",
    "organization": "#56B4E9",
    "person": "#009E73",
    "group": "#CC79A7",
    "media": "#999999",
}
TOPIC = "#F0E442"
OTHER = "#666666"

CONGRUENCE = STANCE["support"]
CONFLICT = STANCE["oppose"]
BALANCED = "#BBBBBB"
