"""Who made, approved and signed a statement, for which period, and the flags a buyer sees."""
