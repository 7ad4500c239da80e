# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Crash safety of the job queue (retention batches run as jobs).

queue_job 11.0 never requeues a job that was ``enqueued`` or ``started``
when the process that ran it died: the runner counts it as running, so it
holds a channel slot for good and its batch is never done. Later
queue_job versions requeue such jobs periodically (``requeue_stuck_jobs``,
by age) and detect dead ones by a lock. Here:

- every job runs holding a transaction-level advisory lock on its id
  (controllers/queue_job.py), released when its transaction ends, also
  when the process is killed (PostgreSQL ends the session);
- a ``started`` job whose lock nobody holds lost its worker, an
  ``enqueued`` job older than the runner's process (or than a few
  minutes) lost its request: both are set back to ``pending``, which the
  runner hears at once (queue_job's NOTIFY trigger) and runs again;
- this happens when the process hosting the job runner loads the
  registry (the runner's start) and every five minutes (scheduled
  action). A job's transaction is rolled back with its process, so
  running it again does its work exactly once.
"""
import logging
import os
from datetime import datetime, timedelta

from odoo import api, models

_logger = logging.getLogger(__name__)

# First key of the advisory locks held by running jobs (the second is the
# job's id): "Lotus" in letters-to-digits, an arbitrary constant.
JOB_LOCK_NAMESPACE = 106701
STARTED_GRACE = timedelta(minutes=1)
ENQUEUED_GRACE = timedelta(minutes=5)


def process_start_utc():
    """When this process started (UTC, naive). From the kernel's clock
    ticks (/proc), precise to 10 ms: psutil's create_time adds the boot
    time rounded to the second, which can place the start before a job
    the previous process started a moment before it was killed."""
    try:
        with open("/proc/uptime") as uptime_file:
            uptime = float(uptime_file.read().split()[0])
        with open("/proc/self/stat") as stat_file:
            # Field 22 (starttime) counted after the command name.
            started = int(stat_file.read().rsplit(")", 1)[1].split()[19])
        age = uptime - started / os.sysconf("SC_CLK_TCK")
        return datetime.utcnow() - timedelta(seconds=max(0.0, age))
    except (OSError, ValueError, IndexError):
        return datetime.utcnow()


class QueueJob(models.Model):
    _inherit = "queue.job"

    @api.model
    def _lotus_requeue_dead_jobs(self, started_before=None,
                                 enqueued_before=None):
        """Set jobs whose worker died back to pending; returns their ids.

        ``started`` jobs started before ``started_before`` whose advisory
        lock nobody holds, and ``enqueued`` jobs enqueued before
        ``enqueued_before`` (defaults: one and five minutes ago). One
        statement; rows another transaction holds are skipped."""
        now = datetime.utcnow()
        started_before = started_before or now - STARTED_GRACE
        enqueued_before = enqueued_before or now - ENQUEUED_GRACE
        self.env.cr.execute("""
            UPDATE queue_job SET state = 'pending', date_enqueued = NULL,
                   date_started = NULL,
                   result = 'Requeued: the process running it had died.'
             WHERE id IN (
                SELECT j.id FROM queue_job j
                 WHERE (j.state = 'enqueued'
                        AND j.date_enqueued < %(enqueued)s)
                    OR (j.state = 'started'
                        AND j.date_started < %(started)s
                        AND NOT EXISTS (
                            SELECT 1 FROM pg_locks l
                             WHERE l.locktype = 'advisory'
                               AND l.classid = %(ns)s::oid
                               AND l.objid = j.id::oid
                               AND l.objsubid = 2
                               AND l.database = (
                                   SELECT oid FROM pg_database
                                    WHERE datname = current_database())))
                   FOR UPDATE SKIP LOCKED)
            RETURNING id""", {"enqueued": enqueued_before,
                              "started": started_before,
                              "ns": JOB_LOCK_NAMESPACE})
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            _logger.warning("requeued %d jobs whose worker had died: %s",
                            len(ids), ids)
            self.invalidate_cache(ids=ids)
        return ids

    @api.model
    def _cron_lotus_requeue_dead_jobs(self):
        """Scheduled action (every five minutes)."""
        self._lotus_requeue_dead_jobs()
        return True

    @api.model_cr
    def _register_hook(self):
        """The runner's start: when the process that hosts queue_job's job
        runner loads this database, every job left enqueued or started by
        a process that ran before it and died is requeued."""
        result = super(QueueJob, self)._register_hook()
        try:
            from odoo.addons.queue_job import jobrunner
        except ImportError:  # pragma: no cover
            return result
        thread = getattr(jobrunner, "runner_thread", None)
        if thread is not None and thread.is_alive():
            start = process_start_utc()
            self._lotus_requeue_dead_jobs(
                started_before=start, enqueued_before=start)
        return result
