import Logging
import ShipKPIIO

extension Runner {
    /// A runner as the commands use it: the library reports, the command line shows. Reading
    /// progress goes to a ``ProgressDisplay`` when the configuration asks for one (stderr is a
    /// terminal, text logs, neither `--quiet` nor `--no-progress`); a run that fails records the
    /// command's exit code for its error in run.json.
    init(commandLine config: RunConfiguration, logger: Logger) {
        self.init(config: config, logger: logger, onRead: config.showProgress ? ProgressDisplay.readObserver : nil,
                  exitCode: ErrorReport.exitCode(for:))
    }
}
