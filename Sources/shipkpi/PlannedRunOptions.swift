import ArgumentParser

/// What `fold` and `merge` both take besides the plan: the inputs (ignored, the plan lists them),
/// the run's options and the COD options, whose statements also come from the plan.
struct PlannedRunOptions: ParsableArguments {
    @OptionGroup var input: PlannedInputs
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Cash on delivery (the plan's statements are used)") var remittance: RemittanceOptions
}

/// The gate and output options of a distributed run, which only `merge` uses: the other stages
/// accept them, so that every stage can be given the same arguments as `report`.
struct MergeOnlyOptions: ParsableArguments {
    @OptionGroup(title: "Data-quality gates (used by merge)") var gates: GateOptions
    @OptionGroup(title: "Outputs (used by merge)") var output: ReportOutputOptions
}
