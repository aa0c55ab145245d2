package org.exekutir.transport.ssh.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.jcraft.jsch.Session;

/** The sessions open right now, so that deactivating the component closes every one (and its thread). */
final class Sessions {

    private final Set<Session> open = ConcurrentHashMap.newKeySet();

    void opened(Session session) {
        open.add(session);
    }

    void closed(Session session) {
        open.remove(session);
    }

    int count() {
        return open.size();
    }

    void closeAll() {
        for (Session session : open) {
            session.disconnect();
        }
        open.clear();
    }
}
