package dev.failoverclient.cli;

import dev.failoverclient.config.LabSetting;
import dev.failoverclient.config.Setting;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The picocli side of the settings: one String option per {@link Setting} or {@link LabSetting},
 * its help naming the environment variable and the default; values are validated by the config
 * package, not here.
 */
final class Options {
    private Options() {
    }

    /**
     * A command with {@code -h/--help} and {@code -V/--version}, declared here rather than by
     * picocli's annotated mixin, whose reflection costs a pod limited to 100m CPU a tenth of a second at start.
     */
    static CommandSpec command(String name) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    static void add(CommandSpec spec, Set<Setting> settings) {
        for (Setting s : settings) {
            String help = s.description() + " (env " + s.env()
                    + (s.defaultValue() == null ? "" : ", default " + s.defaultValue()) + ")";
            OptionSpec.Builder option = OptionSpec.builder(s.flag()).type(String.class).paramLabel("<value>")
                    .description(help);
            if (s.valueWhenBare() != null) {
                option.arity("0..1").fallbackValue(s.valueWhenBare());
            }
            spec.addOption(option.build());
        }
    }

    /** {@code settings} as options; {@code help} replaces a setting's own description (and default). */
    static void addLab(CommandSpec spec, String scenarios, Set<LabSetting> settings, Map<LabSetting, String> help) {
        for (LabSetting s : settings) {
            String text = help.containsKey(s) ? help.get(s)
                    : (s == LabSetting.SCENARIO ? s.description() + ": " + scenarios : s.description())
                    + (s.defaultValue() == null ? "" : " (default " + s.defaultValue() + ")");
            spec.addOption(OptionSpec.builder(s.flag()).type(String.class).paramLabel("<value>").description(text)
                    .build());
        }
    }

    static Map<Setting, String> given(ParseResult parsed, Set<Setting> settings) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting s : settings) {
            String value = parsed.matchedOptionValue(s.flag(), null);
            if (value != null) {
                flags.put(s, value);
            }
        }
        return flags;
    }

    static Map<LabSetting, String> givenLab(ParseResult parsed) {
        Map<LabSetting, String> flags = new EnumMap<>(LabSetting.class);
        for (LabSetting s : LabSetting.values()) {
            String value = parsed.matchedOptionValue(s.flag(), null);
            if (value != null) {
                flags.put(s, value);
            }
        }
        return flags;
    }
}
