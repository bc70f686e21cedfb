"""``--set KEY.PATH=VALUE`` overrides: applied, re-validated, errors naming the override.
"""

from __future__ import annotations

import pytest

from jazari_planner.common.errors import InputError
from jazari_planner.scenario.overrides import apply_override
from jazari_planner.scenario.schema import Scenario


def test_overrides_apply_and_errors_name_the_override() -> None:
    base = Scenario(name="T")
    changed = apply_override(base, "themes.energy.max=3")
    changed = apply_override(changed, "solver.time_limit=5")
    changed = apply_override(changed, "budget=null")
    assert changed.themes["energy"].max == 3 and changed.solver.time_limit == 5.0
    assert changed.budget is None
    with pytest.raises(InputError) as caught:
        apply_override(base, "balence=0.8")
    assert caught.value.source == "--set balence=0.8"
    assert "did you mean `balance`" in caught.value.message
    with pytest.raises(InputError, match="<= 1"):
        apply_override(base, "balance=2")
    with pytest.raises(InputError, match=r"KEY\.PATH=VALUE"):
        apply_override(base, "balance")
    with pytest.raises(InputError, match="single value"):
        apply_override(base, "balance.x=1")
