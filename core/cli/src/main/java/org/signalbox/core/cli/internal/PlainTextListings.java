package org.signalbox.core.cli.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The listing commands as signal-cli prints them in plain text ({@code ListGroupsCommand},
 * {@code ListContactsCommand}, {@code ListIdentitiesCommand}, {@code GetUserStatusCommand}).
 */
final class PlainTextListings {

    private PlainTextListings() {
    }

    static void groups(PlainText out, JsonNode groups, boolean detailed) {
        for (JsonNode g : groups) {
            if (detailed) {
                long expiration = g.path("messageExpirationTime").asLong();
                out.println("Id: " + PlainText.text(g.path("id")) + " Name: " + PlainText.text(g.path("name"))
                        + " Description: " + PlainText.text(g.path("description")) + " Active: "
                        + g.path("isMember").asBoolean() + " Blocked: " + g.path("isBlocked").asBoolean()
                        + " Members: " + members(g.path("members")) + " Pending members: "
                        + addresses(g.path("pendingMembers")) + " Requesting members: "
                        + addresses(g.path("requestingMembers")) + " Banned: " + addresses(g.path("banned"))
                        + " Message expiration: " + (expiration == 0 ? "disabled" : expiration + "s") + " Link: "
                        + (g.hasNonNull("groupInviteLink") ? g.get("groupInviteLink").asText() : "-"));
            } else {
                // two spaces before Active, as signal-cli prints it
                out.println("Id: " + PlainText.text(g.path("id")) + " Name: " + PlainText.text(g.path("name"))
                        + "  Active: " + g.path("isMember").asBoolean() + " Blocked: "
                        + g.path("isBlocked").asBoolean());
            }
        }
    }

    private static String members(JsonNode members) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : members) {
            String label = m.hasNonNull("labelEmoji") || m.hasNonNull("label")
                    ? "(" + PlainText.orEmpty(m.path("labelEmoji")) + PlainText.orEmpty(m.path("label")) + ")" : "";
            out.add(PlainText.legacyIdentifier(m) + (m.path("isAdmin").asBoolean() ? "{ADMIN}" : "") + label);
        }
        return out.toString();
    }

    private static String addresses(JsonNode addresses) {
        List<String> out = new ArrayList<>();
        addresses.forEach(a -> out.add(PlainText.legacyIdentifier(a)));
        return out.toString();
    }

    static void contacts(PlainText out, JsonNode contacts, boolean detailed, boolean internal) {
        for (JsonNode c : contacts) {
            JsonNode profile = c.path("profile");
            long expiration = c.path("messageExpirationTime").asLong();
            out.println("Number: " + PlainText.orEmpty(c.path("number")) + " ACI: " + PlainText.orEmpty(c.path("uuid"))
                    + " Name: " + PlainText.orEmpty(c.path("name")) + " Profile name: "
                    + name(profile.path("givenName"), profile.path("familyName")) + " Username: "
                    + PlainText.orEmpty(c.path("username")) + " Color: " + PlainText.orEmpty(c.path("color"))
                    + " Blocked: " + c.path("isBlocked").asBoolean() + " Message expiration: "
                    + (expiration == 0 ? "disabled" : expiration + "s"));
            if (detailed) {
                // signal-cli's words, its comma and its missing colon included
                out.indented().println("PNI:  Given name: " + PlainText.orEmpty(c.path("givenName"))
                        + " Family name: " + PlainText.orEmpty(c.path("familyName")) + ", Nick name: "
                        + PlainText.orEmpty(c.path("nickName")) + " Nick given name: "
                        + PlainText.orEmpty(c.path("nickGivenName")) + " Nick family name "
                        + PlainText.orEmpty(c.path("nickFamilyName")) + " Note: " + PlainText.orEmpty(c.path("note"))
                        + " Archived: " + c.path("isArchived").asBoolean() + " Hidden: "
                        + c.path("isHidden").asBoolean() + " Profile sharing: " + c.path("profileSharing").asBoolean()
                        + " About: " + PlainText.orEmpty(profile.path("about")) + " About Emoji: "
                        + PlainText.orEmpty(profile.path("aboutEmoji")) + " Unregistered: "
                        + c.path("unregistered").asBoolean());
            }
            if (internal) {
                JsonNode i = c.path("internal");
                List<String> capabilities = new ArrayList<>();
                i.path("capabilities").forEach(n -> capabilities.add(n.asText()));
                out.indented().println("Capabilities: " + capabilities + " Unidentified access mode: "
                        + PlainText.orEmpty(i.path("unidentifiedAccessMode")) + " Shares number: "
                        + PlainText.orEmpty(i.path("sharesPhoneNumber")) + " Discoverable by number: "
                        + PlainText.orEmpty(i.path("discoverableByPhonenumber")));
            }
        }
    }

    /** signal-cli's {@code Contact.getName()} and {@code Profile.getDisplayName()}: given and family name. */
    private static String name(JsonNode given, JsonNode family) {
        String g = PlainText.orEmpty(given);
        String f = PlainText.orEmpty(family);
        return g.isEmpty() ? f : f.isEmpty() ? g : g + " " + f;
    }

    static void identities(PlainText out, JsonNode identities) {
        for (JsonNode id : identities) {
            out.println(PlainText.legacyIdentifier(id) + ": " + PlainText.text(id.path("trustLevel")) + " Added: "
                    + PlainText.timestamp(id.path("addedTimestamp").asLong()) + " Fingerprint: "
                    + PlainText.text(id.path("fingerprint")) + " Safety Number: "
                    + PlainText.text(id.path("safetyNumber")));
        }
    }

    /** Signalbox's server grants no unrestricted sealed-sender access, so signal-cli's suffix for it never shows. */
    static void userStatus(PlainText out, JsonNode statuses) {
        for (JsonNode s : statuses) {
            out.println(PlainText.text(s.path("recipient")) + ": " + s.path("isRegistered").asBoolean());
        }
    }
}
