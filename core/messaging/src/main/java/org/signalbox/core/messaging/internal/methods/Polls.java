package org.signalbox.core.messaging.internal.methods;

import java.util.List;

import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * What the three poll methods share: a poll travels as a data message of its own (create, vote or terminate),
 * to signal-cli's targets, with signal-cli's result ({@link Sending#sendData}). A poll is named by its author and
 * its message's timestamp.
 */
final class Polls {

    static final int MAX_OPTIONS = 10;
    static final int MAX_OPTION_LENGTH = 100;

    private Polls() {
    }

    /** The params every poll method takes: signal-cli's five target params. */
    interface Targeted extends Sending.Addressed {
        boolean notifySelf();
    }

    /** signal-cli's checks of a new poll's options, with its messages. */
    static void checkOptions(List<String> options) throws MessagingException {
        if (options.size() < 2) {
            throw MessagingException.invalid("Poll needs at least two options");
        }
        if (options.size() > MAX_OPTIONS) {
            throw MessagingException.invalid("Poll cannot have more than " + MAX_OPTIONS + " options");
        }
        for (String option : options) {
            if (option.isEmpty()) {
                throw MessagingException.invalid("Poll options must not be empty");
            }
            if (option.codePointCount(0, option.length()) > MAX_OPTION_LENGTH) {
                throw MessagingException.invalid("Poll option \"" + option + "\" exceeds the maximum length of "
                        + MAX_OPTION_LENGTH + " characters");
            }
        }
    }
}
