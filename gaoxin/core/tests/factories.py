import datetime as dt
import random

import factory

from gaoxin.core.identity import credit_code_check_character, resident_id_check_character
from gaoxin.core.models import Department, User, Window
from gaoxin.core.roles import Role

PASSWORD = "correct-horse-battery"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"测试部门{n}")
    short_name = factory.LazyAttribute(lambda d: d.name[:6])


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    number = factory.Sequence(lambda n: 100 + n)
    name = "综合受理窗口"
    kind = Window.Kind.INTAKE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"职员{n}")
    role = Role.CLERK
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def resident_id(
    region: str = "610402", birth: dt.date = dt.date(1990, 5, 17), order: int = 123
) -> str:
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + resident_id_check_character(first17)


def credit_code(rng: random.Random | None = None) -> str:
    from gaoxin.core.identity import USCC_ALPHABET

    rng = rng or random.Random(7)
    body = "91610402" + "".join(rng.choice(USCC_ALPHABET[:10]) for _ in range(9))
    return body + credit_code_check_character(body)
