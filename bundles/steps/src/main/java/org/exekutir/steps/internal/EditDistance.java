package org.exekutir.steps.internal;

/** Whether two words are one typo apart: one letter added, removed, changed, or two neighbours swapped. */
final class EditDistance {

    private EditDistance() {
    }

    static boolean atMostOne(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int start = 0;
        while (start < Math.min(la, lb) && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        if (la == lb) {
            String restA = a.substring(start + 1);
            String restB = b.substring(start + 1);
            boolean changed = restA.equals(restB);
            boolean swapped = start + 1 < la && a.charAt(start) == b.charAt(start + 1)
                    && a.charAt(start + 1) == b.charAt(start) && a.substring(start + 2).equals(b.substring(start + 2));
            return changed || swapped;
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        return longer.substring(start + 1).equals(shorter.substring(start));
    }
}
