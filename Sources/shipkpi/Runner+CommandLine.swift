import Logging
import ShipKPIIO

extension Runner {
    /// A runner as the commands use it: the library reports, the command line shows. Reading
    /// progress goes to a ``ProgressDisplay`` when the options ask for one
    /// (``CommonOptions/showsProgress``); a run that fails records the command's exit code for its
    /// error in run.json.
    init(commandLine config: RunConfiguration, options: CommonOptions, logger: Logger) {
        self.init(
            config: config, logger: logger, onRead: options.showsProgress ? ProgressDisplay.readObserver : nil,
            exitCode: ErrorReport.exitCode(for:))
    }
}
