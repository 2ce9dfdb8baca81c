"""An upload handler that refuses a file over the size limit before storing any of it.

Django's own limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``) do not count files, which are
spooled to disk whatever their size. This handler goes first: when the request says it is
too large, or once the file grows past the limit, the file is skipped (the rest of the
body is read and dropped, never kept) and the view says why.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from members.imports.reading import max_upload_bytes

FORM_OVERHEAD = 64 * 1024  # the other fields and the multipart boundaries


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit or max_upload_bytes()
        self.refused = False
        self.received = 0
        self.request_length = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803
        self.request_length = content_length or 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.request_length > self.limit + FORM_OVERHEAD:
            self.refused = True
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.refused = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
