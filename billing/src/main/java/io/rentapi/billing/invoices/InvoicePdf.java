package io.rentapi.billing.invoices;

import io.rentapi.billing.BillingMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * An invoice as a one-or-more-page A4 PDF: who it is for, its number, status and dates, its lines,
 * and the totals as the JSON answer gives them. Text outside the standard PDF fonts' character set
 * (WinAnsi) is shown as '?', so any organization name renders.
 */
public final class InvoicePdf {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 56;
    private static final float LEADING = 16;
    private static final float AMOUNT_RIGHT = PDRectangle.A4.getWidth() - MARGIN;
    private static final int DESCRIPTION_CHARS = 70;

    private InvoicePdf() {
    }

    public static byte[] render(InvoiceView invoice, String organizationName) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new Writer(document).write(invoice, organizationName);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Invoice " + invoice.number());
            info.setAuthor("rentapi");
            info.setCreationDate(calendar(invoice.createdAt()));
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering invoice " + invoice.number(), e);
        }
    }

    /** Lines of text top-down, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument document;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument document) {
            this.document = document;
        }

        void write(InvoiceView i, String organizationName) throws IOException {
            newPage();
            text(BOLD, 20, MARGIN, "Invoice " + i.number());
            y -= 10;
            row("Billed to", organizationName);
            row("Status", i.status());
            row("Issued", DAY.format(i.createdAt()));
            if (i.periodStart() != null && i.periodEnd() != null) {
                row("Period", DAY.format(i.periodStart()) + " to " + DAY.format(i.periodEnd()));
            }
            if (i.paidAt() != null) {
                row("Paid", DAY.format(i.paidAt()));
            }
            y -= LEADING;
            text(BOLD, 11, MARGIN, "Description");
            amount(BOLD, "Amount (" + i.currency() + ")");
            y -= 4;
            for (InvoiceView.Line line : i.lines()) {
                List<String> wrapped = wrap(line.description() == null ? line.kind() : line.description());
                for (int n = 0; n < wrapped.size(); n++) {
                    text(REGULAR, 11, MARGIN, wrapped.get(n));
                    if (n == 0) {
                        amount(REGULAR, money(line.amount(), i.currency()));
                    }
                }
            }
            y -= LEADING / 2;
            total("Subtotal", i.subtotal(), i.currency(), REGULAR);
            total("Tax " + percent(i.taxRateBasisPoints()), i.tax(), i.currency(), REGULAR);
            total("Total", i.total(), i.currency(), BOLD);
            if (i.creditApplied() != 0) {
                total("Credit applied", -i.creditApplied(), i.currency(), REGULAR);
            }
            total("Amount due", i.amountDue(), i.currency(), REGULAR);
            total("Amount paid", i.amountPaid(), i.currency(), REGULAR);
            total("Remaining", Math.max(0, i.amountDue() - i.amountPaid()), i.currency(), BOLD);
            page.close();
        }

        private void row(String label, String value) throws IOException {
            text(BOLD, 11, MARGIN, label);
            y += LEADING;
            text(REGULAR, 11, MARGIN + 90, value);
        }

        private void total(String label, long minor, String currency, PDType1Font font) throws IOException {
            text(font, 11, AMOUNT_RIGHT - 260, label);
            amount(font, money(minor, currency));
        }

        /** Right-aligned on the line just written. */
        private void amount(PDType1Font font, String value) throws IOException {
            String safe = printable(font, value);
            float width = font.getStringWidth(safe) / 1000 * 11;
            y += LEADING;
            text(font, 11, AMOUNT_RIGHT - width, safe);
        }

        private void text(PDType1Font font, float size, float x, String value) throws IOException {
            if (y < MARGIN + LEADING) {
                page.close();
                newPage();
            }
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(printable(font, value));
            page.endText();
            y -= size > 11 ? size + 6 : LEADING;
        }

        private void newPage() throws IOException {
            PDPage next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }
    }

    static String money(long minor, String currency) {
        return BillingMail.amount(minor, currency);
    }

    private static String percent(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > DESCRIPTION_CHARS) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        lines.add(current.toString());
        return lines;
    }

    /** The text with every character the font cannot show replaced by '?'. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(Character.isISOControl(c) ? " " : s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static Calendar calendar(Instant at) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        calendar.setTimeInMillis(at.toEpochMilli());
        return calendar;
    }
}
