"""A small framework with provisions and an introduced judgement, shared by the provision tests."""

from __future__ import annotations

PROVISIONS_FRAMEWORK = """
id = "provision_example"
title = "A framework with provisions"
version = "1.0"

[[provisions]]
id = "sixth_form"
label = "a sixth form"
absent_text = "not graded: no sixth form"
provenance = { basis = "verified" }

[[provisions]]
id = "staff"
label = "staff other than the leader"
provenance = { basis = "modelled" }

[[grades]]
id = "good"
label = "Good"

[[grades]]
id = "requires_improvement"
label = "Requires improvement"
aliases = ["RI"]

[[grades]]
id = "inadequate"
label = "Inadequate"

[[judgements]]
id = "core"
title = "Core"

[judgements.aggregation]
method = "secure_fit"
provenance = { basis = "modelled" }

[[judgements.criteria]]
id = "core_check"
title = "The core check"
measure = "check"
provenance = { basis = "modelled" }

[[judgements.criteria]]
id = "staff_supervised"
title = "Staff are supervised"
measure = "check"
provision = "staff"
provenance = { basis = "modelled" }

[[judgements]]
id = "post16"
title = "Post-16"
applies = "where_provision"
provision = "sixth_form"

[judgements.aggregation]
method = "secure_fit"
provenance = { basis = "modelled" }

[[judgements.criteria]]
id = "p16_programmes"
title = "Ambitious programmes"
measure = "check"
provenance = { basis = "modelled" }

[[judgements]]
id = "care_leavers"
title = "Care leavers"
introduced = 2023-01-01
absent_text = "not graded: the inspection pre-dates the care leavers judgement (January 2023)"

[judgements.aggregation]
method = "secure_fit"
provenance = { basis = "modelled" }

[[judgements.criteria]]
id = "cl_rating"
title = "Care leavers' experiences"
measure = "rating"

[overall]
method = "rules"
provenance = { basis = "modelled" }

[[overall.rules]]
grade = "good"
at_most = { requires_improvement = 0 }

[[overall.rules]]
grade = "requires_improvement"
at_most = { inadequate = 0 }
"""
"""Three judgements: ``core`` (always; one criterion needs staff), ``post16`` (where the unit
has a sixth form) and ``care_leavers`` (introduced on 2023-01-01). The overall rules count
members at a grade or worse, so a not-applicable judgement that was counted would lower it."""


def evidence_text(body: str, *, date: str = "2026-01-10") -> str:
    """Return an evidence file for `PROVISIONS_FRAMEWORK` with *body* after its header."""
    return f'framework = "provision_example"\nunit = "Unit"\ndate = {date}\n{body}'
