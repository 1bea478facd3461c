-- A call's rule state records the call-events partition it belongs to, so an analyzer
-- taking a partition over (after a restart or a rebalance) finds the calls that went
-- quiet there and still have a deadline to decide. Old states are pruned by the analyzer.
ALTER TABLE rule_state ADD COLUMN partition integer;
ALTER TABLE rule_state ADD COLUMN is_test boolean NOT NULL DEFAULT false;
CREATE INDEX rule_state_open_idx ON rule_state (partition) WHERE NOT ended;
CREATE INDEX rule_state_updated_idx ON rule_state (updated_at);
