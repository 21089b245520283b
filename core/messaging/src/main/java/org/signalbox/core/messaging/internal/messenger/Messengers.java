package org.signalbox.core.messaging.internal.messenger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.signalbox.api.account.Account;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.account.AccountImpl;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.network.Endpoint;
import org.signalbox.server.protocol.ServerEndpoint;
import org.signalbox.server.protocol.ServerLauncher;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * The daemon's accounts on the messaging network. The server is the one the command line names
 * ({@code --server}), else the embedded one: started in this process, on a free loopback port, with its database
 * beside the accounts (docs/protocol/client-network.md).
 */
@Component(service = Messengers.class)
public final class Messengers {

    private static final System.Logger LOG = System.getLogger("Network");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final AccountManager accounts;
    private final Delivery delivery;
    private final ContentListeners listeners;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Messenger> open = new ConcurrentHashMap<>();
    private volatile ServerLauncher launcher;
    private volatile URI configured;
    private volatile ReceiveOptions options = ReceiveOptions.DEFAULTS;
    private volatile Path serverData;
    private volatile Attachments attachments;
    private Endpoint endpoint;

    @Activate
    public Messengers(@Reference AccountManager accounts, @Reference Delivery delivery,
            @Reference ContentListeners listeners) {
        this.accounts = accounts;
        this.delivery = delivery;
        this.listeners = listeners;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLauncher(ServerLauncher value) {
        this.launcher = value;
    }

    void unsetLauncher(ServerLauncher value) {
        if (launcher != value) {
            return;
        }
        launcher = null;
        synchronized (this) {
            if (endpoint != null && configured == null) {
                // the embedded server is going away (shutdown): its clients go first rather than reconnect
                close();
                endpoint = null;
            }
        }
    }

    /**
     * @param server the server to use, or null for the embedded one
     * @param configDirectory where the embedded server keeps its database ({@code server/} in it)
     */
    public void configure(URI server, Path configDirectory, ReceiveOptions options) {
        this.options = options;
        this.configured = server;
        this.serverData = configDirectory.resolve("server");
        this.attachments = new Attachments(configDirectory.resolve("attachments"), !options.ignoreAttachments());
    }

    /** Received attachments, in {@code <config>/attachments} as signal-cli keeps them. */
    public Attachments attachments() {
        Attachments a = attachments;
        if (a == null) {
            throw new IllegalStateException("configure() first");
        }
        return a;
    }

    private synchronized Endpoint endpoint() throws IOException {
        if (endpoint != null) {
            return endpoint;
        }
        if (configured != null) {
            endpoint = Endpoint.at(configured, Optional.empty());
        } else {
            ServerLauncher l = launcher;
            if (l == null || serverData == null) {
                throw new IOException("No messaging server: pass --server ws://HOST:PORT/api, or use a distribution "
                        + "with the embedded server (full)");
            }
            ServerEndpoint e = l.ensureRunning(serverData, START_TIMEOUT);
            endpoint = new Endpoint(e::uri, Optional.of(Base64.getDecoder().decode(e.trustRoot())));
            LOG.log(System.Logger.Level.INFO, "Using the embedded messaging server at " + e.uri());
        }
        return endpoint;
    }

    /** The account's messenger, connecting to the server on first use. */
    public Messenger of(Account account) throws IOException, StorageException {
        AccountImpl a = (AccountImpl) account;
        Messenger m = open.get(a.number());
        if (m == null) {
            synchronized (open) {
                m = open.get(a.number());
                if (m == null) {
                    m = new Messenger(a, accounts, endpoint(), http, delivery, attachments(), listeners,
                            options.sendReadReceipts());
                    open.put(a.number(), m);
                }
            }
        }
        return m;
    }

    /** {@link #of} with its failures as one kind. */
    public Messenger require(Account account) throws MessagingException {
        try {
            return of(account);
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
    }

    /** Connects every registered account so that its messages arrive (the daemon's receive modes). */
    public void receiveAll() {
        Thread.ofVirtual().name("connect-accounts").start(() -> {
            List<Account> all;
            try {
                all = accounts.list();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot connect the accounts: " + e.getMessage());
                return;
            }
            for (Account a : all) {
                try {
                    of(a).startReceiving();
                } catch (IOException | StorageException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Cannot connect " + a.number() + ": " + e.getMessage());
                }
            }
        });
    }

    /**
     * After {@code trust}: messages held back from identities that are trusted now are opened. An account not
     * connected in this process does it when it connects.
     */
    public void trustChanged(Account account) throws StorageException {
        Messenger m = open.get(account.number());
        if (m != null) {
            m.trustChanged();
        }
    }

    /** Forgets a deleted account's connections. */
    public void forget(String number) {
        Messenger m = open.remove(number);
        if (m != null) {
            m.close();
        }
    }

    @Deactivate
    void close() {
        open.values().forEach(Messenger::close);
        open.clear();
    }
}
