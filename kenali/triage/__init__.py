"""Comment triage: normalise Indonesian social text, classify intent/urgency/ToS category/topic,
and suggest an action by documented rules (see `policy`). Entry points: `pipeline.Triage`,
`pipeline.classify`, `kenali triage`, `kenali latih`, `kenali evaluasi`."""
