# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import SavepointCase

from .common import make_user


class LotusPrivacyCase(SavepointCase):
    """Users of every role the privacy addon distinguishes."""

    @classmethod
    def _lotus_user(cls, login, groups):
        return make_user(cls.env, login, groups,
                         name=login.replace("_", " ").title(),
                         email="%s@lotus.example" % login)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = cls._lotus_user(
            "lotus_t_salesman", ["sales_team.group_sale_salesman"])
        cls.privacy_user = cls._lotus_user(
            "lotus_t_privacy_user",
            ["base.group_user", "lotus_gdpr.group_privacy_user"])
        cls.officer = cls._lotus_user(
            "lotus_t_officer",
            ["base.group_user", "lotus_gdpr.group_privacy_officer"])
        cls.accountant = cls._lotus_user(
            "lotus_t_accountant", ["account.group_account_invoice"])
        cls.portal = cls._lotus_user("lotus_t_portal", ["base.group_portal"])
        cls.nl = cls.env.ref("base.nl")
        cls.us = cls.env.ref("base.us")

    def setUp(self):
        super().setUp()
        # each test starts from the database, not from the cache that the
        # previous (rolled back) test left behind
        self.env.cache.invalidate()
