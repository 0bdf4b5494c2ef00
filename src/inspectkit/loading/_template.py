"""The evidence template: a commented TOML evidence file for a framework, ready to fill in.

`evidence_template` lists every criterion, judgement by judgement, with what to collect, the
value forms its measure accepts, the thresholds for context and an example line commented
out. Taking the ``# `` off example lines (and writing real values) gives a file that
`inspectkit.loads_evidence` reads; the template as written loads too, with every criterion
absent.
"""

from __future__ import annotations

import os
import re
import textwrap

from inspectkit.loading._framework import resolve_framework
from inspectkit.rubric import Criterion, Direction, Framework, Measure, MissingPolicy

__all__ = ["evidence_template", "toml_string"]

_WIDTH = 96
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """Return *text* as a TOML basic string, quoted and escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def evidence_template(framework: Framework | str | os.PathLike[str]) -> str:
    """Return a commented TOML evidence file for *framework*, to be filled in.

    Args:
        framework: A `Framework`, a bundled id or a path.

    Returns:
        The template. Every criterion appears with its title, what to collect, the accepted
        value forms, its thresholds and an example line (``# registration_rate = 0.65``);
        uncommented, the example lines make a valid evidence file.

    Raises:
        FrameworkNotFoundError: No framework has that id or path.
        FrameworkError: The framework file is not valid.
    """
    resolved = resolve_framework(framework)
    lines = _header(resolved)
    if resolved.provisions:
        lines += ["", *_provisions(resolved)]
    lines += ["", "[evidence]"]
    labels = {provision.id: provision.label for provision in resolved.provisions}
    for judgement in resolved.judgements:
        lines += ["", f"# {'=' * 4} {_clean(judgement.title)} ({judgement.id}) {'=' * 4}"]
        if judgement.description:
            lines += _comment(judgement.description)
        if judgement.provision is not None:
            lines += _comment(
                f"Graded only where the unit has {labels[judgement.provision]} "
                f"([provision] {judgement.provision} = true)."
            )
        if judgement.introduced is not None:
            lines += _comment(
                f"Introduced on {judgement.introduced.isoformat()}: for evidence dated before, "
                "it is not graded and evidence for it is ignored."
            )
        for criterion in judgement.criteria:
            lines += ["", *_criterion(resolved, criterion)]
    lines += ["", *_given(resolved)]
    lines += ["", *_findings(resolved)]
    return "\n".join(lines) + "\n"


def _provisions(framework: Framework) -> list[str]:
    """The ``[provision]`` table, first: each provision id commented, with what it is."""
    lines = [f"# {'=' * 4} What the unit has {'=' * 4}"]
    lines += _comment(
        "Say whether the unit has each provision: true or false. Without it, what depends on "
        "it is not graded and lowers nothing. A provision left commented out is not stated: "
        "what depends on it is graded as usual (absent evidence and all), and the report says "
        "the provision was not stated."
    )
    lines.append("[provision]")
    for provision in framework.provisions:
        lines += _comment(f"{provision.label}; without it: {provision.absent}")
        lines.append(f"# {provision.id} = true")
    return lines


def _given(framework: Framework) -> list[str]:
    """The ``[judgements]`` section: grades given directly, commented out."""
    lines = [f"# {'=' * 4} Judgement grades given directly {'=' * 4}"]
    lines += _comment(
        "Where a judgement's grade is already decided (a mock inspector's decision, or a "
        "published report's), give it here: it is final for that judgement, and the overall "
        'grade is worked out from it. A grade, "not_applicable", or a table '
        "{ grade = ..., source = ..., note = ... }. A published overall grade goes under "
        "[outcome] instead."
    )
    example = ["[judgements]"]
    best = framework.scale.grades[0].id
    example += [f"{judgement.id} = {toml_string(best)}" for judgement in framework.judgements]
    return lines + [f"#   {line}" for line in example]


def _findings(framework: Framework) -> list[str]:
    """The findings section: what a finding is, and one example table, commented out.

    The example lines are indented after the ``#`` so that a user (or a test) taking the
    ``# `` off the criterion lines does not turn them into criterion ids under [evidence].
    """
    ids = ", ".join(judgement.id for judgement in framework.judgements)
    first = framework.judgements[0]
    how = (
        "The framework's [findings] rules say how they combine with the criteria."
        if framework.findings is not None
        or any(judgement.findings is not None for judgement in framework.judgements)
        else "This framework has no findings rules: findings are reported but change no grade."
    )
    lines = [f"# {'=' * 4} Findings {'=' * 4}"]
    lines += _comment(
        "Strengths and weaknesses from a report, a mock inspection or your own notes, each "
        f"for a judgement ({ids}), weighed minor, notable or major by what the words say "
        f"about reach and consequence (inspectkit docs recording-findings). {how} Add one "
        "[[findings]] table per finding, at the end of the file:"
    )
    example = [
        "[[findings]]",
        f"judgement = {toml_string(first.id)}",
        'weakness = "What the report says is not yet good enough, in your words."',
        'weight = "notable"              # "minor", "notable" or "major"',
    ]
    if first.criteria:
        example.append(f"criterion = {toml_string(first.criteria[0].id)}   # optional")
    return lines + [f"#   {line}" for line in example]


def _clean(text: str) -> str:
    """Make *text* safe inside a one-line TOML comment."""
    return _CONTROL.sub(" ", text).strip()


def _comment(text: str, *, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            _clean(paragraph),
            width=_WIDTH,
            initial_indent=f"# {indent}",
            subsequent_indent=f"# {indent}  " if indent else "#   ",
            break_on_hyphens=False,
        )
        lines += wrapped
    return lines


def _header(framework: Framework) -> list[str]:
    policy = {
        MissingPolicy.WORST: "it counts as the worst grade, and the report asks for it",
        MissingPolicy.EXCLUDE: "it is left out of the grades, and the report asks for it",
        MissingPolicy.ERROR: "the assessment refuses to run until it is given",
    }[framework.missing]
    intro = [
        f"Evidence for: {framework.title} ({framework.id}, version {framework.version}).",
        "",
        "How to fill this in:",
        "- Set unit (and date) below.",
        '- For each criterion you have evidence for, remove the "# " in front of its example '
        "line under [evidence] and write your own value.",
        "- A criterion left commented out is absent. Absent evidence is never taken as good: "
        f"under this framework {policy}.",
        '- Write "not_applicable" for a criterion that does not apply to this unit.',
        "- Any value can take the long form, to record where it came from: "
        '{ value = 0.72, source = "LA dataset, Q2", date = 2026-09-30, note = "..." }; '
        "counts take the form { numerator = 412, denominator = 702, source = ... }.",
        "- inspectkit docs evidence-format describes every form.",
    ]
    quantifiers = framework.vocabulary.quantifiers
    if quantifiers:
        words = [
            " or ".join(toml_string(name) for name in (q.word, *q.aliases))
            + f" ({_percent(q.low)} to {_percent(q.high)})"
            for q in quantifiers
        ]
        intro += ["", "Quantifier words accepted for proportions: " + "; ".join(words) + "."]
    lines: list[str] = []
    for paragraph in intro:
        lines += _comment(paragraph) if paragraph else ["#"]
    lines += [
        "",
        f"framework = {toml_string(framework.id)}",
        f"framework_version = {toml_string(framework.version)}",
        'unit = "Name of the unit"        # the school, setting, centre or group',
        (
            f"kind = {toml_string(framework.kinds[0])}"
            + "  # one of: "
            + ", ".join(framework.kinds)
            if framework.kinds
            else 'kind = "unit"                    # reports say "This <kind> ...": "school"'
        ),
        "# date = 2026-09-30              # the date the evidence describes",
        '# source = "Where the evidence comes from (a report, a mock inspection)."',
        '# note = "Anything a reader should know about the evidence as a whole."',
    ]
    return lines


def _number(value: float) -> str:
    text = f"{value:.6g}"
    return text if "e" not in text else repr(float(value))


def _percent(value: float) -> str:
    return f"{_number(value * 100)}%"


def _criterion(framework: Framework, criterion: Criterion) -> list[str]:
    lines = [f"# --- {criterion.id}: {_clean(criterion.title)}"]
    if criterion.evidence:
        lines += _comment(f"Collect: {criterion.evidence}")
    lines += _comment(f"Value: {_forms(framework, criterion)}")
    grades = _grades(framework, criterion)
    if grades:
        lines += _comment(f"Grades: {grades}")
    if criterion.measure is Measure.RATING and criterion.descriptors:
        lines.append("# What each grade looks like:")
        for grade in framework.scale:
            descriptor = criterion.descriptors.get(grade.id)
            if descriptor:
                lines += _comment(f"- {grade.label}: {descriptor}", indent="  ")
    for cap in framework.caps:
        if cap.when == criterion.id:
            limits = "the overall grade" if cap.limits == "overall" else cap.limits
            trigger = (
                "not met"
                if cap.not_met
                else f"at or below {framework.scale.find(cap.at_or_below or '').label}"
                if cap.at_or_below
                else "triggered"
            )
            text = cap.description or ""
            lines += _comment(
                f"Cap: when {trigger}, {limits} is no better than "
                f"{framework.scale.find(cap.to).label}. {text}".strip()
            )
    if criterion.provision is not None:
        provision = framework.provision(criterion.provision)
        lines += _comment(
            f"Applies only where the unit has {provision.label} "
            f"([provision] {provision.id} = true)."
        )
    lines.append(f"# {criterion.id} = {_example(framework, criterion)}")
    return lines


def _forms(framework: Framework, criterion: Criterion) -> str:
    measure = criterion.measure
    if measure is Measure.PROPORTION:
        words = [
            name
            for quantifier in framework.vocabulary.quantifiers
            for name in (quantifier.word, *quantifier.aliases)
        ]
        text = f'a proportion ({criterion.direction.value} is better): 0.72, "72%"'
        if words:
            example = toml_string(words[len(words) // 2])
            text += f", a quantifier word such as {example} (listed at the top)"
        return text + ", { numerator = 412, denominator = 702 } or { low = 0.6, high = 0.7 }."
    if measure is Measure.QUANTITY:
        unit = f" in {criterion.unit}" if criterion.unit else ""
        bounds = []
        if criterion.minimum is not None:
            bounds.append(f"at least {_number(criterion.minimum)}")
        if criterion.maximum is not None:
            bounds.append(f"at most {_number(criterion.maximum)}")
        extra = f", {' and '.join(bounds)}" if bounds else ""
        return f"a number{unit} ({criterion.direction.value} is better{extra})."
    if measure is Measure.CHECK:
        return "a check: true (met) or false (not met)."
    names = []
    for position, grade in enumerate(framework.scale_of(criterion.id), start=1):
        aliases = [alias for alias in grade.aliases if alias.strip() != str(position)]
        spelled = [toml_string(grade.id), *(toml_string(alias) for alias in aliases)]
        names.append(f"{grade.label} ({', '.join(spelled)} or {position})")
    return "a grade: " + "; ".join(names) + "."


def _grades(framework: Framework, criterion: Criterion) -> str:
    scale = framework.scale_of(criterion.id)  # safeguarding: its own met / not met scale
    if criterion.measure is Measure.CHECK:
        met_id, not_met_id = criterion.check_grades(scale)
        met = scale.find(met_id).label
        not_met = scale.find(not_met_id).label
        if criterion.level is not None:
            needed = scale.find(criterion.level).label
            if criterion.level == scale.worst.id:
                return f"clear of a {needed.lower()} weakness; not met gives {not_met}."
            return f"needed for {needed}; not met holds the judgement at {not_met}."
        return f"met gives {met}; not met gives {not_met}."
    if criterion.measure is Measure.RATING or not criterion.thresholds:
        return ""
    show = _percent if criterion.measure is Measure.PROPORTION else _number
    unit = f" {criterion.unit}" if criterion.measure is Measure.QUANTITY and criterion.unit else ""
    side = "or more" if criterion.direction is Direction.HIGHER else "or less"
    parts = [
        f"{scale.find(threshold.grade).label} at {show(threshold.value)}{unit} {side}"
        for threshold in criterion.thresholds
    ]
    return "; ".join(parts) + f"; otherwise {scale.worst.label}."


def _exact(value: float) -> str:
    """Write *value* so that TOML reads back exactly the same number."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _example(framework: Framework, criterion: Criterion) -> str:
    measure = criterion.measure
    if measure is Measure.CHECK:
        return "true"
    if measure is Measure.RATING:
        grades = framework.scale_of(criterion.id).grades
        return toml_string(grades[1].id if len(grades) > 1 else grades[0].id)
    second = (
        criterion.thresholds[min(1, len(criterion.thresholds) - 1)].value
        if (criterion.thresholds)
        else None
    )
    if measure is Measure.PROPORTION:
        value = 0.5 if second is None else min(max(second, 0.0), 1.0)
        return _exact(value)
    value = second if second is not None else (criterion.minimum or 0.0)
    if criterion.minimum is not None:
        value = max(value, criterion.minimum)
    if criterion.maximum is not None:
        value = min(value, criterion.maximum)
    return _exact(value)
