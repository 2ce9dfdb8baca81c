"""Roster import and export: upload, column mapping, preview, confirm, history.

The flow: ``services.import_job_create`` stores the upload and guesses a mapping;
``import_job_map`` saves the (corrected) mapping and queues the preview; the preview
task (``import_job_preview``) reads and checks every row without writing; confirming
(``import_job_confirm``) queues the run task (``import_job_run``), which writes the
checked rows in one transaction. ``resources.RosterResource`` is the
django-import-export resource both the import and the export go through.
"""
