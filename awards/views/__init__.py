"""Award pages: public (``public``), the member's nominations (``nominations``), the
reviewer's pages under /review/ (``review``) and the chair's and HQ's under
/manage/awards/ (``manage``)."""
