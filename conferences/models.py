# Conference series, editions, registration and check-in arrive with the conferences issue.
