"""Default routing from resources/routing.toml, and overriding it."""

from __future__ import annotations

import pytest

from services.domain import Category, Priority, UnitKind
from services.domain import OrderState as S
from services.errors import ConfigError, UnknownUnitError, ValidationError
from services.workflow.orders import Move, WorkOrderService
from services.workflow.routing import Router
from tests.support.store import OPERATOR, order_in


@pytest.mark.parametrize(
    ("category", "priority", "grid", "unit"),
    [
        (Category.ELEVATOR_FAULT, Priority.CRITICAL, "G11", "elevator-maint"),
        (Category.ELECTRICAL_SAFETY, Priority.URGENT, "G23", "city-construction"),
        (Category.NONMOTOR_PARKING, Priority.NORMAL, "G21", "pm-baoshan8"),
        (Category.NONMOTOR_PARKING, Priority.URGENT, "G21", "grid-g21"),
        (Category.STOREFRONT_OCCUPATION, Priority.NORMAL, "G33", "law-youyi"),
        (Category.SANITATION, Priority.NORMAL, "G13", "grid-g13"),
        (Category.OTHER, Priority.NORMAL, "G32", "grid-g32"),
    ],
)
def test_default_routing(
    service: WorkOrderService, category: Category, priority: Priority, grid: str, unit: str
) -> None:
    order = order_in(service, S.DISPATCHED, category=category, priority=priority, grid=grid)
    assert order.unit == unit


def test_operator_override_and_unknown_unit(service: WorkOrderService) -> None:
    order = order_in(service, S.FILED, category=Category.SANITATION)
    with pytest.raises(UnknownUnitError, match="'no-such-unit'"):
        service.move(
            order.id, Move(S.DISPATCHED, unit="no-such-unit"), version=order.version, actor=OPERATOR
        )
    assert service.get(order.id).state is S.FILED
    moved = service.move(
        order.id, Move(S.DISPATCHED, unit="pm-changtan"), version=order.version, actor=OPERATOR
    )
    assert moved.unit == "pm-changtan"


def test_rules_match_top_down_with_grids(tmp_path: object) -> None:
    router = Router.load()
    assert router.unit_kind(Category.OTHER, Priority.CRITICAL, "G11") is UnitKind.GRID_TEAM
    custom = tmp_path / "routing.toml"  # type: ignore[operator]
    custom.write_text(
        '[[rule]]\ncategory = "sanitation"\ngrids = ["G11"]\n'
        'unit_kind = "property_company"\n\n'
        '[[rule]]\ncategory = "*"\nunit_kind = "law_enforcement"\n'
    )
    router = Router.load(custom)
    assert (
        router.unit_kind(Category.SANITATION, Priority.NORMAL, "G11") is UnitKind.PROPERTY_COMPANY
    )
    assert router.unit_kind(Category.SANITATION, Priority.NORMAL, "G12") is UnitKind.LAW_ENFORCEMENT


def test_bad_rules_file_is_refused(tmp_path: object) -> None:
    bad = tmp_path / "routing.toml"  # type: ignore[operator]
    bad.write_text('[[rule]]\ncategory = "sanitation"\nunit_kind = "street_sweepers"\n')
    with pytest.raises(ConfigError, match="street_sweepers"):
        Router.load(bad)


def test_no_unit_of_that_kind(service: WorkOrderService) -> None:
    with service.store.transaction() as tx:
        tx.conn.exec_driver_sql("DELETE FROM units WHERE code = 'elevator-maint'")
    order = order_in(service, S.FILED, category=Category.ELEVATOR_FAULT)
    with pytest.raises(ValidationError, match="no elevator_maintenance unit serves grid cell"):
        service.move(order.id, Move(S.DISPATCHED), version=order.version, actor=OPERATOR)
