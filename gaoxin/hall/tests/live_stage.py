"""The stage of the hall screen's websocket test, built in the server's own database (a file
served by uvicorn in a process of its own, ``gaoxin.core.testing.browser.Platform``, whose clock
runs from :data:`SERVER_NOW`, Tuesday 24 November 2026, 10:05): the zone, window 15 of 企业开办
(A) with its clerk, and two tickets taken that morning."""

from __future__ import annotations

import datetime as dt
import json

import time_machine

from gaoxin.core import services as core_services
from gaoxin.core.models import Window
from gaoxin.core.roles import Role
from gaoxin.core.tests.factories import UserFactory, WindowFactory
from gaoxin.hall import services

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
STAGED_AT = dt.datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI)
SERVER_NOW = dt.datetime(2026, 11, 24, 10, 5, tzinfo=SHANGHAI)


def stage() -> None:
    with time_machine.travel(STAGED_AT, tick=False):
        core_services.update_zone(
            actor=None,
            name="咸阳高新技术产业开发区",
            short_name="咸阳高新区",
            code="XYGX",
            region_code="610402",
        )
        window = WindowFactory(number=15, name="企业开办专窗", kind=Window.Kind.SPECIALIST)
        business = services.create_business_type(
            actor=None, code="A", name="企业开办", windows=[window]
        )
        UserFactory(username="clerk15", full_name="王丽", role=Role.CLERK, window=window)
        tickets = [services.take_ticket(business=business).number for _ in range(2)]
    print(json.dumps({"tickets": tickets}))
