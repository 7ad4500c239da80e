# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.queue_job.controllers.main import RunJobController

from ..models.queue_job import JOB_LOCK_NAMESPACE


class LotusRunJobController(RunJobController):
    """A job runs holding an advisory lock on its id for as long as its
    transaction lasts: a ``started`` job whose lock nobody holds lost its
    worker and is requeued (models/queue_job.py)."""

    def _try_perform_job(self, env, job):
        perform = job.perform

        def perform_locked():
            # Taken in the job's own transaction (after "started" is
            # committed), released by its commit, rollback or death.
            env.cr.execute(
                "SELECT pg_advisory_xact_lock(%s, id) FROM queue_job "
                "WHERE uuid = %s", (JOB_LOCK_NAMESPACE, job.uuid))
            return perform()

        job.perform = perform_locked
        return super(LotusRunJobController, self)._try_perform_job(env, job)
