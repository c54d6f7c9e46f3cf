"""Channel adapters (web chat now; WhatsApp later)."""
