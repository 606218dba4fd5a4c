"""API errors: one exception, rendered as the service's JSON error body."""


class ApiError(Exception):
    """An error answer of the DMS API: ``{"error_code": ..., "error_msg": ...}``."""

    def __init__(self, status, code, msg):
        super().__init__("%s %s" % (code, msg))
        self.status = status
        self.code = code
        self.msg = msg

    def body(self):
        return {"error_code": self.code, "error_msg": self.msg}


def bad_request(code, msg):
    return ApiError(400, code, msg)


def not_found(code, msg):
    return ApiError(404, code, msg)
