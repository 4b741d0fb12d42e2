package io.fusioncommerce.runtime.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fusion}: the one command that runs FusionCommerce. */
@Command(
    name = "fusion",
    mixinStandardHelpOptions = true,
    version = "FusionCommerce",
    description = "Runs the FusionCommerce platform.",
    subcommands = {StartCommand.class})
public final class Fusion implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Fusion()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
