import DossierCLI
import Foundation

exit(await DossierCommand.execute(Array(CommandLine.arguments.dropFirst())))
