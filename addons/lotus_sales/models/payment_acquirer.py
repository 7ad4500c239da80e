# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Providers through which no data leaves: the customer pays by their own
# bank transfer, the shop matches the statement.
LOCAL_PROVIDERS = ("manual", "transfer")


def _default_payment_activity(model):
    return model.env.ref("lotus_gdpr.activity_payment", False)


class PaymentAcquirer(models.Model):
    """A payment provider is a recipient of the payer's data (P22, P23,
    P25): a transaction with it is a disclosure."""

    _inherit = "payment.acquirer"

    lotus_recipient_id = fields.Many2one(
        "lotus.privacy.recipient", "Registered recipient",
        domain=[("kind", "=", "payment")], ondelete="restrict", copy=False,
        help="The provider as registered under Privacy > Register > "
             "Recipients. Without it no payment starts with this provider "
             "(except a bank transfer, through which nothing is sent).")
    lotus_activity_id = fields.Many2one(
        "privacy.activity", "Sharing purpose", ondelete="restrict",
        default=_default_payment_activity,
        help="Processing activity under which the provider receives the "
             "payer's data; the recipient must be registered for it.")

    @api.constrains("lotus_recipient_id")
    def _check_lotus_recipient_kind(self):
        self.env["lotus.privacy.recipient"]._lotus_check_link_kind(
            self, "payment")

    @api.multi
    def _lotus_discloses(self):
        """True when a transaction with this provider sends the payer's
        data out; raises UserError when it may not (P22, P23, P25)."""
        self.ensure_one()
        acquirer = self.sudo()
        if not acquirer.lotus_recipient_id \
                and acquirer.provider in LOCAL_PROVIDERS:
            return False
        problem = self.env["lotus.privacy.recipient"]._lotus_link_problem(
            acquirer.lotus_recipient_id, acquirer.lotus_activity_id, self)
        if problem:
            raise UserError(_("No payment was started: %s.") % problem)
        return True
