import factory
from django.contrib.auth.hashers import make_password

from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, ClusterRole, Firm, Membership, Person, SupportOrganisation

PASSWORD = "correct-horse-battery-staple"
_HASH = make_password(PASSWORD)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = _HASH


class SupportOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportOrganisation

    name = factory.Sequence(lambda n: f"Development Agency {n}")
    country = "IT"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Footwear Cluster {n}")
    support_organisation = factory.SubFactory(SupportOrganisationFactory)
    nace_sectors = ["15"]
    nuts_region = "ITI35"
    cluster_type = "industrial_district"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.all_objects.create(*args, **kwargs)


class FirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Firm

    cluster = factory.SubFactory(ClusterFactory)
    legal_name = factory.Sequence(lambda n: f"Calzaturificio {n} S.r.l.")
    headcount = 8
    founding_year = 2001
    nace_code = "15.20"
    nuts_code = "ITI35"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        firm = model_class(*args, **kwargs)
        firm.save()
        return firm


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    firm = factory.SubFactory(FirmFactory)
    role = FirmRole.EMPLOYEE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.all_objects.create(*args, **kwargs)


class ClusterRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterRole

    person = factory.SubFactory(PersonFactory)
    cluster = factory.SubFactory(ClusterFactory)
    role = ClusterRoleKind.MANAGER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.all_objects.create(*args, **kwargs)
