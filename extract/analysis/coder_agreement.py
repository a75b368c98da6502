"""Agreement between coders: Krippendorff's alpha (the ``krippendorff`` package, nominal
level) over the items two or more coders decided, for accept/reject and for stance labels.

Each coder's own decisions come from the store's side-by-side codings, never from the
statement's adjudicated decision (which is what counts use)."""

from __future__ import annotations

import math

import numpy as np

from ..store import STANCE_LABELS

DOMAINS = {"review": ("accepted", "rejected"), "stance": STANCE_LABELS}


def coder_agreement(store, coders: list[str] | None = None) -> dict:
    units = store.team.decision_units(coders)
    names = list(units)
    out = {"coders": names, "open_disagreements": store.team.disagreements()}
    for key, domain in DOMAINS.items():
        out[key] = alpha_for([units[c][key] for c in names], domain)
    return out


def alpha_for(per_coder: list[dict], domain: tuple[str, ...]) -> dict:
    """{alpha, items, agreed, disagreed} for one kind of decision; alpha None when it is not
    defined (no item coded twice, or every decision the same value)."""
    import krippendorff

    counts: dict = {}
    for decisions in per_coder:
        for unit in decisions:
            counts[unit] = counts.get(unit, 0) + 1
    items = sorted((u for u, n in counts.items() if n >= 2), key=repr)
    index = {v: i for i, v in enumerate(domain)}
    data = np.full((len(per_coder), len(items)), np.nan)
    agreed = 0
    for j, unit in enumerate(items):
        values = set()
        for i, decisions in enumerate(per_coder):
            if unit in decisions:
                data[i, j] = index[decisions[unit]]
                values.add(decisions[unit])
        agreed += len(values) == 1
    alpha = None
    if items and len(np.unique(data[~np.isnan(data)])) > 1:
        value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                   value_domain=list(range(len(domain))))
        alpha = None if math.isnan(value) else round(float(value), 4)
    return {"alpha": alpha, "items": len(items), "agreed": agreed, "disagreed": len(items) - agreed}
