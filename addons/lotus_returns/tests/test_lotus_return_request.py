# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_resource
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_load

from .common import ReturnsTestMixin


class TestLotusReturnRequest(ReturnsTestMixin, SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Return = env["lotus.return.request"]
        cls.customer = cls._create_customer(
            env, "Petra Pieters", "petra@example.nl")
        cls.other = cls._create_customer(
            env, "Otto Overbeek", "otto@example.nl")
        cls.filament = cls._create_product(env, "Test filament", 20.0)
        cls.nozzle = cls._create_product(env, "Test nozzle", 15.0)
        cls.order = cls._create_order(
            env, cls.customer, [(cls.filament, 3), (cls.nozzle, 2)])
        cls.line_filament = cls.order.order_line.filtered(
            lambda l: l.product_id == cls.filament)
        cls.line_nozzle = cls.order.order_line.filtered(
            lambda l: l.product_id == cls.nozzle)
        cls.invoice = cls.order.invoice_ids
        cls.salesman = env["res.users"].create({
            "name": "Sam Sales", "login": "sam.sales.returns",
            "email": "sam@lotus.example",
            "groups_id": [(6, 0, [env.ref(
                "sales_team.group_sale_salesman_all_leads").id])],
        })

    def _new_return(self, reason="defective", qty=1, line=None, order=None,
                    **vals):
        values = {
            "order_id": (order or self.order).id,
            "reason": reason,
            "line_ids": [(0, 0, {
                "sale_line_id": (line or self.line_filament).id,
                "quantity": qty})],
        }
        values.update(vals)
        return self.Return.create(values)

    # -------------------------------------------------------------- P10
    def test_contact_data_comes_from_order(self):
        """P10: a return is linked to its order and order lines; customer,
        address, phone and e-mail are read from the order, not retyped."""
        ret = self._new_return()
        self.assertEqual(ret.partner_id, self.order.partner_id)
        self.assertEqual(ret.partner_shipping_id,
                         self.order.partner_shipping_id)
        self.assertEqual(ret.partner_invoice_id, self.order.partner_invoice_id)
        self.assertEqual(ret.email, "petra@example.nl")
        self.assertEqual(ret.phone, self.customer.phone)
        self.assertEqual(ret.line_ids.sale_line_id, self.line_filament)
        self.assertEqual(ret.line_ids.product_id, self.filament)
        for name in ("partner_id", "partner_shipping_id", "partner_invoice_id",
                     "email", "phone"):
            field = ret._fields[name]
            self.assertTrue(field.related, "%s must be related" % name)
            self.assertEqual(field.related[0], "order_id")
            self.assertTrue(field.readonly)
        # A corrected e-mail on the customer is what the return uses.
        self.customer.email = "petra.new@example.nl"
        self.assertEqual(ret.email, "petra.new@example.nl")
        self.assertTrue(re.match(r"^RMA/\d{4}/\d{5}$", ret.name), ret.name)

    # --------------------------------------------------------------- P9
    def test_quantity_never_above_delivered_minus_returned(self):
        """P9: a return holds at most what was delivered minus what was
        already returned; a larger quantity is refused, nothing created."""
        before = self.Return.search_count([])
        with self.assertRaisesRegex(ValidationError, "at most 3"), \
                self.cr.savepoint():
            self._new_return(qty=4)
        self.assertEqual(self.Return.search_count([]), before)
        first = self._new_return(qty=2)
        with self.assertRaisesRegex(ValidationError, "at most 1"), \
                self.cr.savepoint():
            self._new_return(qty=2)
        self.assertEqual(self.line_filament._lotus_returnable_qty()[
            self.line_filament.id], 1.0)
        # A cancelled return frees its quantity again.
        first.action_cancel()
        self.assertEqual(self.line_filament._lotus_returnable_qty()[
            self.line_filament.id], 3.0)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._new_return(qty=0)
        other_order = self._create_order(
            self.env, self.customer, [(self.filament, 1)], invoice=False)
        with self.assertRaisesRegex(ValidationError, "not on order"), \
                self.cr.savepoint():
            self._new_return(order=other_order, line=self.line_filament)

    def test_withdrawal_only_within_period(self):
        """P9: a change of mind is accepted within the withdrawal period
        (14 days after delivery by default) and refused after it with the
        date it ended; wrong or defective products are still accepted."""
        ret = self._new_return(reason="withdrawal")
        self.assertEqual(ret.reason, "withdrawal")
        ret.action_cancel()
        order = self._create_order(
            self.env, self.customer, [(self.filament, 2)],
            delivered_days_ago=20)
        line = order.order_line
        before = self.Return.search_count([])
        with self.assertRaises(ValidationError) as err, \
                self.cr.savepoint():
            self._new_return(reason="withdrawal", order=order, line=line)
        probe = self.Return.new({"order_id": order.id})
        self.assertEqual(self.Return.search_count([]), before)
        message = err.exception.name
        self.assertIn("withdrawal period of 14 days", message)
        self.assertIn("ended on", message)
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        self.assertIn(fields.Date.from_string(
            probe.withdrawal_deadline).strftime(lang.date_format), message)
        defective = self._new_return(reason="defective", order=order,
                                     line=line)
        defective.action_submit()
        self.assertEqual(defective.state, "requested")
        # The period is configurable per company (Settings).
        settings = self.env["res.config.settings"].create({})
        settings.lotus_return_withdrawal_days = 30
        settings.execute()
        self.assertEqual(self.env.user.company_id.lotus_return_withdrawal_days,
                         30)
        ret = self._new_return(reason="withdrawal", order=order, line=line)
        self.assertEqual(ret.reason, "withdrawal")
        reasons = dict(self.Return._lotus_allowed_reasons(order))
        self.assertIn("withdrawal", reasons)

    def test_warranty_period(self):
        """P9: wrong or defective products outside the withdrawal period
        are accepted until the warranty period (2 years) ends."""
        order = self._create_order(
            self.env, self.customer, [(self.filament, 2)],
            delivered_days_ago=400)
        self._new_return(reason="wrong", order=order, line=order.order_line)
        self.assertNotIn("withdrawal",
                         dict(self.Return._lotus_allowed_reasons(order)))
        self._set_delivery_date(order, 800)
        with self.assertRaisesRegex(ValidationError,
                                    "warranty period of 24 months"), \
                self.cr.savepoint():
            self._new_return(reason="defective", order=order,
                             line=order.order_line, qty=0.5)
        self.assertEqual(self.Return._lotus_allowed_reasons(order), [])

    def test_refused_on_cancelled_or_undelivered_order(self):
        """P9: a return on a cancelled or undelivered order is refused."""
        order = self._create_order(
            self.env, self.customer, [(self.filament, 1)], deliver=False,
            invoice=False)
        with self.assertRaisesRegex(ValidationError, "not been delivered"), \
                self.cr.savepoint():
            self._new_return(order=order, line=order.order_line)
        order.action_cancel()
        with self.assertRaisesRegex(ValidationError, "cancelled"), \
                self.cr.savepoint():
            self._new_return(order=order, line=order.order_line)
        self.assertFalse(self.Return.search([("order_id", "=", order.id)]))

    def test_other_reason_needs_text(self):
        """P9: reason 'Other' needs an explanation."""
        with self.assertRaisesRegex(ValidationError, "Reason \\(other\\)"), \
                self.cr.savepoint():
            self._new_return(reason="other")
        ret = self._new_return(reason="other", reason_other="Too loud")
        self.assertEqual(ret.reason_other, "Too loud")

    def test_replacement_without_return(self):
        """P9: staff approve a replacement before the product comes back;
        the replacement delivery goes to the order's delivery address."""
        ret = self._new_return(reason="defective", qty=2,
                               line=self.line_nozzle,
                               resolution="replacement",
                               return_required=False).sudo(self.salesman)
        ret.action_submit()
        ret.action_approve()
        self.assertFalse(ret.receipt_picking_id)
        ret.action_send_replacement()
        picking = ret.replacement_picking_id
        self.assertEqual(ret.state, "done")
        self.assertEqual(picking.picking_type_id,
                         self.order.warehouse_id.out_type_id)
        self.assertEqual(picking.partner_id, self.order.partner_shipping_id)
        self.assertEqual(picking.location_dest_id.usage, "customer")
        self.assertEqual(picking.move_lines.product_id, self.nozzle)
        self.assertEqual(picking.move_lines.product_uom_qty, 2.0)
        # The replacement does not count as a new delivery of the order.
        self.assertEqual(self.line_nozzle.qty_delivered, 2.0)
        self.assertEqual(self.line_nozzle._lotus_returnable_qty()[
            self.line_nozzle.id], 0.0)

    def test_replacement_before_return_arrives(self):
        """P9: with the product still to come back, the replacement can be
        sent while the return receipt is open."""
        ret = self._new_return(reason="wrong", resolution="replacement")
        ret.action_submit()
        ret.action_approve()
        self.assertEqual(ret.receipt_picking_id.state, "assigned")
        ret.action_send_replacement()
        self.assertEqual(ret.state, "done")
        self.assertTrue(ret.replacement_picking_id)

    def test_repair_after_receipt(self):
        """P9: a repair is sent back once the product has been received."""
        ret = self._new_return(reason="defective", resolution="repair")
        ret.action_submit()
        ret.action_approve()
        with self.assertRaises(UserError), self.cr.savepoint():
            ret.action_send_replacement()
        ret.action_receive()
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.receipt_picking_id.state, "done")
        self.assertEqual(ret.receipt_picking_id.move_lines.location_dest_id,
                         self.order.warehouse_id.lot_stock_id)
        ret.action_send_replacement()
        self.assertEqual(ret.state, "done")
        self.assertEqual(ret.replacement_picking_id.partner_id,
                         self.order.partner_shipping_id)

    def test_refusal_in_dutch(self):
        """P9: the refusal after the withdrawal period reads in the
        user's language (Dutch translation shipped in i18n/nl.po)."""
        if not self.env["res.lang"].search([("code", "=", "nl_NL")]):
            self.env["res.lang"].load_lang("nl_NL")
        trans_load(self.cr, get_module_resource(
            "lotus_returns", "i18n", "nl.po"), "nl_NL", verbose=False,
            module_name="lotus_returns")
        order = self._create_order(
            self.env, self.customer, [(self.filament, 1)],
            delivered_days_ago=20, invoice=False)
        Return = self.Return.with_context(lang="nl_NL")
        with self.assertRaisesRegex(ValidationError,
                                    "herroepingstermijn van 14 dagen"), \
                self.cr.savepoint():
            Return.create({
                "order_id": order.id, "reason": "withdrawal",
                "line_ids": [(0, 0, {"sale_line_id": order.order_line.id,
                                     "quantity": 1})],
            })

    # -------------------------------------------------------------- P11
    def _mails(self, ret):
        return self.env["mail.mail"].search([
            ("model", "=", ret._name), ("res_id", "=", ret.id)])

    def test_label_and_credit_note_mailed_to_order_email(self):
        """P11: the return label and the credit note are mailed to the
        e-mail address on the order, from a mail template, and logged in
        the chatter."""
        ret = self._new_return(reason="withdrawal", qty=2)
        ret.action_submit()
        ret.sudo(self.salesman).action_approve()
        receipt = ret.receipt_picking_id
        self.assertEqual(receipt.picking_type_id.code, "incoming")
        self.assertEqual(receipt.location_id.usage, "customer")
        mail = self._mails(ret)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn("return label", mail.subject)
        self.assertIn(ret.name, mail.subject)
        label = mail.attachment_ids
        self.assertEqual(len(label), 1)
        self.assertIn("Return label", label.name)
        self.assertIn(ret.name.encode(), base64.b64decode(label.datas))
        logged = ret.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and label in m.attachment_ids)
        self.assertTrue(logged, "the label mail is logged in the chatter")
        self.assertIn(self.customer, logged.partner_ids)

        # The product arrives: validating the receipt moves the return on.
        ret._lotus_validate_picking(receipt)
        self.assertEqual(ret.state, "received")
        ret.sudo(self.salesman).action_refund()
        refund = ret.refund_invoice_id
        self.assertEqual(ret.state, "done")
        self.assertEqual(refund.type, "out_refund")
        self.assertEqual(refund.state, "open")
        self.assertEqual(refund.refund_invoice_id, self.invoice)
        self.assertEqual(refund.partner_id, self.invoice.partner_id)
        self.assertEqual(refund.invoice_line_ids.quantity, 2.0)
        self.assertAlmostEqual(refund.amount_untaxed, 40.0)
        mails = self._mails(ret) - mail
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.customer)
        self.assertIn(refund.number, mails.subject)
        self.assertEqual(len(mails.attachment_ids), 1)
        self.assertIn("Credit note", mails.attachment_ids.name)
        self.assertTrue(ret.message_ids.filtered(
            lambda m: mails.attachment_ids <= m.attachment_ids))
        # The returned quantity cannot be returned a second time.
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._new_return(qty=2)

    def test_refund_needs_invoice(self):
        """P11: without a validated invoice the refund is refused clearly."""
        order = self._create_order(self.env, self.customer,
                                   [(self.filament, 1)], invoice=False)
        ret = self._new_return(order=order, line=order.order_line,
                               return_required=False)
        ret.action_submit()
        ret.action_approve()
        with self.assertRaisesRegex(UserError, "no validated invoice"), \
                self.cr.savepoint():
            ret.action_refund()
        self.assertEqual(ret.state, "approved")
        self.assertFalse(ret.refund_invoice_id)

    def test_reject_needs_reason(self):
        ret = self._new_return()
        ret.action_submit()
        wizard = self.env["lotus.return.reject.wizard"].create(
            {"request_id": ret.id, "reason": " "})
        with self.assertRaisesRegex(UserError, "Rejection reason"), \
                self.cr.savepoint():
            wizard.action_reject()
        wizard.reason = "Damaged by use"
        wizard.action_reject()
        self.assertEqual(ret.state, "rejected")
        self.assertEqual(ret.reject_reason, "Damaged by use")
        with self.assertRaises(UserError), self.cr.savepoint():
            ret.action_approve()

    # ----------------------------------------------------- staff, report
    def test_smart_button_and_report_without_personal_data(self):
        """P33: the return-rate report holds products, reasons, months and
        quantities only; no personal data."""
        ret = self._new_return(reason="defective", qty=1)
        ret.action_submit()
        self.assertEqual(self.order.lotus_return_count, 1)
        action = self.order.action_view_lotus_returns()
        self.assertEqual(action["res_id"], ret.id)
        Report = self.env["lotus.return.report"]
        for name, field in Report._fields.items():
            if field.type == "many2one":
                self.assertIn(field.comodel_name, (
                    "product.product", "product.template",
                    "product.category", "res.company"), name)
            self.assertNotIn(name, ("partner_id", "email", "phone",
                                    "order_id", "reason_other", "note"))
        groups = Report.read_group(
            [("product_id", "=", self.filament.id)],
            ["product_id", "qty_returned", "qty_sold", "return_rate"],
            ["product_id"])
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["qty_returned"], 1.0)
        self.assertEqual(groups[0]["qty_sold"], 3.0)
        self.assertAlmostEqual(groups[0]["return_rate"], 100.0 / 3, 2)

    # ---------------------------------------------------- privacy hooks
    def test_anonymisation_hooks(self):
        """P26: a return keeps product, quantity, reason, dates and amounts;
        personal free text and the chatter go."""
        Mixin = self.env["lotus.personal.data.mixin"]
        self.assertIn("lotus.return.request", Mixin._lotus_personal_models())
        self.assertEqual(self.Return._lotus_retention_category(), "return")
        personal = self.Return._lotus_personal_fields()
        for name in ("reason_other", "note", "customer_comment"):
            self.assertIn(name, personal)
        for name in ("reason", "date_request", "amount_total", "line_ids",
                     "state"):
            self.assertNotIn(name, personal)
        ret = self._new_return(reason="other", reason_other="My dog chewed it",
                               note="Called Petra at home")
        ret.action_submit()
        self.assertIn(ret.id, ret._lotus_erasure_blocks())
        ret.action_cancel()
        self.assertFalse(ret._lotus_erasure_blocks())
        ret.message_post(body="Petra called about her parcel")
        self.env["lotus.anonymizer"].sudo()._erase_records(
            ret._name, ret.ids)
        ret.invalidate_cache()
        self.assertFalse(ret.message_ids)
        self.assertFalse(ret.reason_other or ret.note)
        self.assertEqual(ret.line_ids.quantity, 1.0)
        self.assertEqual(ret.amount_total, 20.0)
        self.assertEqual(ret.reason, "other")

    # ------------------------------------------------------ access, P17
    def test_portal_user_sees_only_own_returns(self):
        """P17: a portal customer reads only the returns of their orders."""
        portal_group = self.env.ref("base.group_portal")
        Users = self.env["res.users"].with_context(no_reset_password=True)
        user = Users.create({
            "name": "Petra Portal", "login": "petra.portal.returns",
            "partner_id": self.customer.id,
            "groups_id": [(6, 0, [portal_group.id])],
        })
        own = self._new_return()
        other_order = self._create_order(self.env, self.other,
                                         [(self.filament, 1)])
        foreign = self._new_return(order=other_order,
                                   line=other_order.order_line)
        visible = self.Return.sudo(user).search([])
        self.assertIn(own, visible)
        self.assertNotIn(foreign, visible)
        with self.assertRaises(AccessError), self.cr.savepoint():
            foreign.sudo(user).read(["name"])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Return.sudo(user).create({
                "order_id": self.order.id, "reason": "defective"})
