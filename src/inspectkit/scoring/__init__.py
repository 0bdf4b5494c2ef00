"""Scoring: criterion grades, aggregation, caps, range and coverage, `assess`, and the lift search.

A framework is compiled once into flat tables (`inspectkit.scoring._compile`); a pure core turns
evidence into grade ranks (`inspectkit.scoring._ranks`); `inspectkit.scoring._reasons` writes the
plain-words reason for every grade, and `assess` (`inspectkit.scoring._assess`) checks the
evidence, runs the core and builds the `inspectkit.Assessment`. The lift-plan search
(`inspectkit.scoring._lift`) and the gap probes built on it (`inspectkit.scoring._probes`) work
on the same compiled ranks.

The names here are the whole surface the rest of the package uses:

- `assess` and `resolve_policy`: one assessment, and the missing-evidence policy it applies;
- `grade_overall`: the overall grade given judgement grades earn, by the framework's own rule
  and caps (how groups grade their combined judgements), and `combine`: equally weighted
  grades by ``best_fit`` or ``secure_fit`` (how groups combine their members' grades);
- `lift_plan`: the smallest set of changes that lifts a grade to a target, as a
  `inspectkit.LiftPlan` (its search bounded by `SearchBudgets`);
- `leave_status_plan`: the smallest set of changes after which a derived status is none in
  the worst case, as a `inspectkit.StatusPlan` (`inspectkit.scoring._leave`);
- `grade_columns` (`inspectkit.scoring._columnar`): every unit of a table graded at once, in
  numpy columns, with `unit_ids`, `status_ids` and `id_columns` to read the grades as ids;
- `gap_probes`: per criterion standing in the way, what it must reach and why, as `GapProbe`
  records that `inspectkit.gaps` words into `inspectkit.Gap` objects (`gap_search`: the same
  criteria with what ranking them needs, each probe built when read), and `gap_sets`: which
  criteria those are before and after a what-if, planned once and again where it moved
  (`gap_criteria`: for one assessment);
- `ranks_of`: the grade ranks an assessment's evidence scores, worked out once per assessment
  (what a what-if compares to say which grades moved without building every result);
- `evaluate_statuses`: the framework's derived statuses on given grades (how a group is put
  in a category of concern on its combined grades, as `assess` puts a unit).
"""

# Nothing runs at import: each name below is read from its module on first use (PEP 562), so
# an assessment never imports the lift and leave-status searches unless it asks for a plan,
# nor the columnar grading (numpy) unless it grades a table.
TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from inspectkit.scoring._assess import assess, grade_overall, resolve_policy
    from inspectkit.scoring._columnar import (
        ColumnRanks,
        IdColumns,
        grade_columns,
        id_columns,
        status_ids,
        unit_ids,
    )
    from inspectkit.scoring._columnar import available as columnar_available
    from inspectkit.scoring._columnar import supports as columnar_supports
    from inspectkit.scoring._delta import ranks_of
    from inspectkit.scoring._leave import leave_status_plan
    from inspectkit.scoring._lift import DEFAULT_BUDGETS, SearchBudgets, lift_plan
    from inspectkit.scoring._probes import (
        GapProbe,
        GapSearch,
        gap_criteria,
        gap_moves,
        gap_probes,
        gap_search,
        gap_sets,
    )
    from inspectkit.scoring._ranks import combine
    from inspectkit.scoring._statuses import evaluate_statuses

__all__ = [
    "DEFAULT_BUDGETS",
    "ColumnRanks",
    "GapProbe",
    "GapSearch",
    "IdColumns",
    "SearchBudgets",
    "assess",
    "columnar_available",
    "columnar_supports",
    "combine",
    "evaluate_statuses",
    "gap_criteria",
    "gap_moves",
    "gap_probes",
    "gap_search",
    "gap_sets",
    "grade_columns",
    "grade_overall",
    "id_columns",
    "leave_status_plan",
    "lift_plan",
    "ranks_of",
    "resolve_policy",
    "status_ids",
    "unit_ids",
]

_MODULE_OF: dict[str, str] = {
    "assess": "inspectkit.scoring._assess",
    "grade_overall": "inspectkit.scoring._assess",
    "resolve_policy": "inspectkit.scoring._assess",
    "ColumnRanks": "inspectkit.scoring._columnar",
    "IdColumns": "inspectkit.scoring._columnar",
    "grade_columns": "inspectkit.scoring._columnar",
    "id_columns": "inspectkit.scoring._columnar",
    "status_ids": "inspectkit.scoring._columnar",
    "unit_ids": "inspectkit.scoring._columnar",
    "columnar_available": "inspectkit.scoring._columnar:available",
    "columnar_supports": "inspectkit.scoring._columnar:supports",
    "ranks_of": "inspectkit.scoring._delta",
    "leave_status_plan": "inspectkit.scoring._leave",
    "DEFAULT_BUDGETS": "inspectkit.scoring._lift",
    "GapProbe": "inspectkit.scoring._probes",
    "GapSearch": "inspectkit.scoring._probes",
    "SearchBudgets": "inspectkit.scoring._lift",
    "gap_criteria": "inspectkit.scoring._probes",
    "gap_moves": "inspectkit.scoring._probes",
    "gap_probes": "inspectkit.scoring._probes",
    "gap_search": "inspectkit.scoring._probes",
    "gap_sets": "inspectkit.scoring._probes",
    "lift_plan": "inspectkit.scoring._lift",
    "combine": "inspectkit.scoring._ranks",
    "evaluate_statuses": "inspectkit.scoring._statuses",
}
"""The module each name is read from on first use (``module:name`` where it is renamed)."""

if not TYPE_CHECKING:
    from inspectkit._lazy import lazy_attributes

    __getattr__, __dir__ = lazy_attributes(__name__, _MODULE_OF, globals())
    del lazy_attributes
