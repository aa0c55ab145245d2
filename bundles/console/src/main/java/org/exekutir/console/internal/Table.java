package org.exekutir.console.internal;

import java.util.ArrayList;
import java.util.List;

/** Rows of words in aligned columns, one line per row, the last column unpadded. */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();

    Table row(Object... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (widths.size() <= i) {
                    widths.add(0);
                }
                widths.set(i, Math.max(widths.get(i), row.get(i).length()));
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                text.append(cell);
                if (i < row.size() - 1) {
                    text.append(" ".repeat(widths.get(i) - cell.length() + 2));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }
}
