"""汇总: merging many units' documents for the finance bureau."""
