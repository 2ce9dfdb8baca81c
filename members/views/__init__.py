"""Members views, one module per area (roster, people, …)."""
