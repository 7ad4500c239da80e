# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import check_card_numbers


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "lotus.personal.data.mixin"]

    lotus_disclosure_ids = fields.Many2many(
        "lotus.privacy.disclosure", string="Shared with carriers",
        compute="_compute_lotus_disclosures",
        help="Personal data of this delivery that went to a carrier: "
             "which fields, to whom, when and by whom.")
    lotus_disclosure_count = fields.Integer(
        "Disclosures", compute="_compute_lotus_disclosures")

    # ------------------------------------------------------------------
    # P8: what was shared
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_disclosures_by_picking(self):
        """``{picking_id: disclosures}`` in one query for the batch."""
        result = {}
        if not self.ids:
            return result
        disclosures = self.env["lotus.privacy.disclosure"].search([
            ("res_model", "=", self._name),
            ("res_ids", "in", [str(pid) for pid in self.ids]),
        ])
        for disclosure in disclosures:
            result.setdefault(int(disclosure.res_ids), disclosures.browse())
            result[int(disclosure.res_ids)] |= disclosure
        return result

    @api.multi
    def _compute_lotus_disclosures(self):
        by_picking = self._lotus_disclosures_by_picking()
        empty = self.env["lotus.privacy.disclosure"]
        for picking in self:
            disclosures = by_picking.get(picking.id, empty)
            picking.lotus_disclosure_ids = disclosures
            picking.lotus_disclosure_count = len(disclosures)

    @api.model
    def _lotus_disclosure_action(self, disclosures):
        return {
            "type": "ir.actions.act_window",
            "name": _("Shared with carriers"),
            "res_model": "lotus.privacy.disclosure",
            "view_mode": "tree,form",
            "views": [
                (self.env.ref(
                    "lotus_sales.view_lotus_carrier_disclosure_tree").id,
                 "tree"),
                (False, "form"),
            ],
            "domain": [("id", "in", disclosures.ids)],
            "context": {"create": False, "edit": False, "delete": False},
        }

    @api.multi
    def action_lotus_view_disclosures(self):
        """Smart button: what was shared with carriers, with whom, when."""
        self.ensure_one()
        return self._lotus_disclosure_action(self.lotus_disclosure_ids)

    # ------------------------------------------------------------------
    # P2, P8, P3: checks before anything ships
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_outgoing(self):
        return self.filtered(lambda p: p.picking_type_code == "outgoing")

    @api.multi
    def _lotus_shipping_problems(self):
        """Lines "picking - role (contact): missing parts" (P2) and
        reasons why the carrier may not receive the data (P8)."""
        problems = []
        for picking in self:
            addresses = [(_("delivery address"), picking.partner_id)]
            if picking.sale_id:
                addresses.append((_("invoice address"),
                                  picking.sale_id.partner_invoice_id))
            for role, partner in addresses:
                if not partner:
                    problems.append(_("%(record)s - %(role)s: not set") % {
                        "record": picking.name, "role": role})
                    continue
                missing = partner._lotus_address_missing()
                if missing:
                    problems.append(_(
                        "%(record)s - %(role)s (%(contact)s): %(missing)s "
                        "missing") % {
                            "record": picking.name, "role": role,
                            "contact": partner.display_name,
                            "missing": ", ".join(missing)})
            if picking.carrier_id:
                problems.extend(
                    "%s - %s" % (picking.name, reason)
                    for reason in picking._lotus_carrier_refusals())
        return problems

    @api.multi
    def _lotus_carrier_refusals(self):
        """Why this picking's carrier may not receive the delivery data."""
        self.ensure_one()
        carrier = self.carrier_id
        reasons = carrier._lotus_sharing_problems()
        recipient = carrier.lotus_recipient_id
        if recipient and not reasons:
            essential = ("essential" in recipient._fields
                         and recipient.essential)
            subjects = self._lotus_data_subjects()
            if not essential and any(subjects.mapped("lotus_restricted")):
                reasons.append(_(
                    "the customer's processing is restricted and %s is not "
                    "an essential recipient: lift the restriction or ship "
                    "with an essential carrier") % recipient.name)
        return reasons

    @api.multi
    def _lotus_data_subjects(self):
        """Contacts whose data goes on the label: the delivery contact, its
        company and the customer of the order."""
        self.ensure_one()
        partners = self.partner_id | self.partner_id.commercial_partner_id
        if self.sale_id:
            partners |= self.sale_id.partner_id \
                | self.sale_id.partner_id.commercial_partner_id
        return partners

    @api.multi
    def _lotus_check_before_shipping(self):
        """P2, P8: one UserError listing everything that stops shipping."""
        problems = self._lotus_outgoing()._lotus_shipping_problems()
        if problems:
            raise UserError(_(
                "Nothing was shipped and no data went to a carrier:\n%s\n"
                "A shipping label needs street and house number, postal "
                "code, city and country of the delivery and invoice "
                "address, and a carrier registered as recipient of "
                "personal data.") % "\n".join(problems))

    @api.multi
    def button_validate(self):
        self._lotus_check_before_shipping()
        return super(StockPicking, self).button_validate()

    @api.multi
    def action_done(self):
        """Checks first (nothing is half-done), then the payload of every
        outgoing delivery with a carrier is built and recorded, then the
        stock moves."""
        self._lotus_check_before_shipping()
        # A label carrier gets its data on the printed slip now; a carrier
        # API gets it from send_to_shipper, which records what it sent.
        for picking in self._lotus_outgoing().filtered(
                lambda p: p.carrier_id
                and p.carrier_id.delivery_type != "lotus"):
            picking._lotus_shipping_payload()
        res = super(StockPicking, self).action_done()
        self._lotus_send_tracking_mail()
        return res

    # ------------------------------------------------------------------
    # P8, P3: the shipping payload
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_shipping_values(self, keys):
        """Values of the delivery contact for the payload ``keys`` (only
        those are read)."""
        self.ensure_one()
        partner = self.partner_id
        commercial = partner.commercial_partner_id
        readers = {
            "name": lambda: partner.lotus_person_id.name,
            "company": lambda: partner.commercial_company_name or (
                commercial.name if commercial.is_company else False),
            "street": lambda: ", ".join(
                p for p in (partner.street, partner.street2) if p),
            "zip": lambda: partner.zip,
            "city": lambda: partner.city,
            "country": lambda: partner.country_id.code,
            "phone": lambda: partner.phone or partner.mobile
            or commercial.phone,
            "email": lambda: partner.email or commercial.email,
        }
        return {key: readers[key]() for key in keys}

    @api.multi
    def _lotus_shipping_data(self):
        """P8, P3: the personal data of this delivery that its carrier may
        get, nothing recorded yet.

        Returns a dict with exactly the fields of the carrier's sharing
        rule that have a value (keys among name, company, street, zip,
        city, country, phone, email) and nothing else.

        Refuses (UserError) when the picking has no carrier, the carrier
        is not a registered recipient for its sharing purpose, an address
        is incomplete, or the customer's processing is restricted and the
        recipient is not essential."""
        self.ensure_one()
        if not self.carrier_id:
            raise UserError(_(
                "%s has no carrier: there is nobody to share the delivery "
                "data with. Choose a carrier first.") % self.name)
        self._lotus_check_before_shipping()
        values = self._lotus_shipping_values(
            self.carrier_id._lotus_shared_fields())
        return {key: value for key, value in values.items() if value}

    @api.multi
    def _lotus_record_shipping_disclosure(self, payload, sent=False,
                                          tracking=None):
        """Record that the keys of ``payload`` went to the carrier.
        ``sent``: the carrier already has them (its API accepted the
        shipment), so the record is committed at once and outlives a
        rollback of the validation; ``tracking``, the carrier's number,
        is part of its reference."""
        self.ensure_one()
        carrier = self.carrier_id
        disclosures = self.env["lotus.privacy.disclosure"]
        record = disclosures._lotus_record_sent if sent \
            else disclosures.record_disclosure
        reference = self.name
        if tracking:
            reference = _("%(delivery)s, tracking number %(tracking)s") % {
                "delivery": self.name, "tracking": tracking}
        return record(
            carrier.lotus_recipient_id, self, list(payload),
            carrier.lotus_activity_id, reference=reference,
            partners=self._lotus_data_subjects())

    @api.multi
    def _lotus_shipping_payload(self):
        """P8, P3: the payload of ``_lotus_shipping_data()``, recorded as
        disclosed to the carrier (to whom, which fields, for which
        purpose) through lotus_gdpr."""
        payload = self._lotus_shipping_data()
        self._lotus_record_shipping_disclosure(payload)
        return payload

    @api.multi
    def _lotus_shipment_data(self):
        """What a carrier gets besides the rule's fields: nothing
        personal (reference, weight, packages, service)."""
        self.ensure_one()
        return {
            "reference": self.name,
            "weight": self.shipping_weight or self.weight or 0.0,
            "weight_uom": self.weight_uom_id.name or "kg",
            "packages": max(len(self.package_ids),
                            self.number_of_packages or 0, 1),
            "service": self.carrier_id.name,
        }

    @api.multi
    def _lotus_label_lines(self):
        """Lines of the delivery address on the delivery slip: only the
        fields of the carrier's rule (without carrier, the address without
        phone and email)."""
        self.ensure_one()
        if self.carrier_id:
            keys = self.carrier_id._lotus_shared_fields()
        else:
            keys = ["name", "company", "street", "zip", "city", "country"]
        values = self._lotus_shipping_values(keys)
        if values.get("zip") and values.get("city"):
            values["zip"] = "%s %s" % (values["zip"], values.pop("city"))
        order = ["company", "name", "street", "zip", "city", "country",
                 "phone", "email"]
        return [values[key] for key in order if values.get(key)]

    @api.multi
    def send_to_shipper(self):
        """A carrier API gets outgoing deliveries only (a return receipt
        keeps the carrier of its delivery, but is no new shipment), and
        without endpoint nothing: the delivery says so instead of "sent to
        the carrier". Warehouse staff only, as in the carrier's hooks."""
        self.env["delivery.carrier"]._lotus_check_shipper()
        self.ensure_one()
        carrier = self.carrier_id
        if carrier.delivery_type == "lotus" \
                and self.picking_type_code != "outgoing":
            return False
        if carrier.delivery_type == "lotus" \
                and not carrier._lotus_endpoint_configured():
            self.carrier_price = carrier.fixed_price
            self.message_post(body=_(
                "Nothing was sent to %s: its delivery method has no "
                "shipment endpoint configured. Hand the parcel over with "
                "the delivery slip, or ask an administrator to configure "
                "the endpoint.") % carrier.name)
            return False
        return super(StockPicking, self).send_to_shipper()

    # ------------------------------------------------------------------
    # P4, P19: the tracking mail goes to every customer
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_send_tracking_mail(self):
        param = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_sales.tracking_mail", "True")
        if param.lower() in ("0", "false", ""):
            return
        template = self.env.ref(
            "delivery.mail_template_data_delivery_confirmation", False)
        if not template:
            return
        for picking in self._lotus_outgoing().filtered(
                lambda p: p.state == "done" and p.carrier_id
                and p.partner_id):
            picking.with_context(
                custom_layout="delivery.mail_template_data_delivery_"
                              "notification",
            ).message_post_with_template(template.id)

    # ------------------------------------------------------------------
    # P5 and the privacy engine (P26, P33)
    # ------------------------------------------------------------------
    @api.constrains("note")
    def _check_lotus_card_numbers(self):
        """P5: no payment card number in a transfer's notes."""
        check_card_numbers(self, ("note",))

    @api.model
    def _lotus_personal_fields(self):
        """The delivery contact is a res.partner (anonymised as such); the
        transfer keeps products, quantities, dates and state."""
        return {"note": "blank", "carrier_tracking_ref": "blank"}

    @api.model
    def _lotus_export_fields(self):
        return ["name", "origin", "scheduled_date", "date_done", "state",
                "carrier_id"] + list(self._lotus_personal_fields())

    @api.model
    def _lotus_activity_date_field(self):
        return "date_done"

    @api.model
    def _lotus_retention_category(self):
        return "sale_order"

    @api.model
    def _lotus_retention_date_field(self):
        return "scheduled_date"

    @api.model
    def _lotus_retention_domain(self):
        return [("state", "in", ("done", "cancel"))]

    @api.multi
    def _lotus_erasure_blocks(self):
        blocks = super(StockPicking, self)._lotus_erasure_blocks()
        if not self:
            return blocks
        self.recompute()
        self.env.cr.execute("""
            SELECT id, name FROM stock_picking
             WHERE id = ANY(%s)
               AND coalesce(state, '') NOT IN ('done', 'cancel', 'draft')
        """, (list(self.ids),))
        for picking_id, name in self.env.cr.fetchall():
            blocks[picking_id] = _(
                "transfer %s is still in progress") % name
        return blocks

    @api.model
    def _lotus_purge_chatter(self):
        return True

    @api.model
    def _lotus_customer_label(self):
        return _("Your deliveries")

    @api.multi
    def _lotus_customer_titles(self):
        return {picking.id: picking.name for picking in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact", "address", "order"]
