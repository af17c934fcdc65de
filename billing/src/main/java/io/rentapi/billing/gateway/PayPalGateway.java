package io.rentapi.billing.gateway;

import com.paypal.core.PayPalEnvironment;
import com.paypal.core.PayPalHttpClient;
import com.paypal.http.HttpRequest;
import com.paypal.http.exceptions.HttpException;
import com.paypal.orders.AmountWithBreakdown;
import com.paypal.orders.Order;
import com.paypal.orders.OrderActionRequest;
import com.paypal.orders.OrderRequest;
import com.paypal.orders.OrdersCaptureRequest;
import com.paypal.orders.OrdersCreateRequest;
import com.paypal.orders.OrdersGetRequest;
import com.paypal.orders.PurchaseUnitRequest;
import com.paypal.payments.CapturesRefundRequest;
import com.paypal.payments.RefundRequest;
import com.paypal.payments.RefundsGetRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * PayPal through the Checkout SDK: an order per payment (the buyer approves it at PayPal's link),
 * captured once approved; refunds of the capture. Every creating call carries
 * {@code PayPal-Request-Id} derived from our payment id, which PayPal uses as an idempotency key.
 */
public final class PayPalGateway implements PaymentGateway {
    public static final String NAME = "paypal";
    private final PayPalHttpClient client;

    public PayPalGateway(String clientId, String clientSecret, String baseUrl, String webUrl, Duration timeout) {
        this.client = new PayPalHttpClient(new PayPalEnvironment(clientId, clientSecret, baseUrl, webUrl));
        client.setConnectTimeout((int) timeout.toMillis());
        client.setReadTimeout((int) timeout.toMillis());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        OrderRequest order = new OrderRequest().checkoutPaymentIntent("CAPTURE").purchaseUnits(List.of(
                new PurchaseUnitRequest()
                        .referenceId("invoice-" + request.invoiceId())
                        .invoiceId(request.orgId() + "-" + request.invoiceNumber() + "-" + request.paymentId())
                        .customId(request.orgId() + ":" + request.paymentId())
                        .amountWithBreakdown(new AmountWithBreakdown().currencyCode(request.currency())
                                .value(decimal(request.amount(), request.currency())))));
        OrdersCreateRequest create = new OrdersCreateRequest().prefer("return=representation").requestBody(order);
        create.header("PayPal-Request-Id", request.idempotencyKey());
        return result(execute(create), request.idempotencyKey());
    }

    @Override
    public ChargeResult status(ChargeRequest request, String providerRef, java.time.Duration sinceCreation) {
        if (providerRef == null) {
            return charge(request); // PayPal-Request-Id replays the order the lost answer created
        }
        return result(execute(new OrdersGetRequest(providerRef)), request.idempotencyKey());
    }

    /** Captures an order the buyer approved; the answer says whether the money moved. */
    public ChargeResult capture(String orderId, String idempotencyKey) {
        OrdersCaptureRequest capture = new OrdersCaptureRequest(orderId);
        capture.requestBody(new OrderActionRequest());
        capture.header("PayPal-Request-Id", idempotencyKey + "-capture");
        return result(execute(capture), idempotencyKey);
    }

    @Override
    public RefundResult refund(String providerRef, long amount, String currency, String idempotencyKey) {
        Order order = execute(new OrdersGetRequest(providerRef));
        String captureId = order.purchaseUnits().get(0).payments().captures().get(0).id();
        CapturesRefundRequest refund = new CapturesRefundRequest(captureId).payPalRequestId(idempotencyKey)
                .requestBody(new RefundRequest().amount(new com.paypal.payments.Money().currencyCode(currency)
                        .value(decimal(amount, currency))));
        com.paypal.payments.Refund answer = execute(refund);
        return refundResult(answer.id(), answer.status());
    }

    @Override
    public RefundResult refundStatus(String providerRef, String refundRef, long amount, String currency,
                                     String idempotencyKey) {
        if (refundRef == null) {
            return refund(providerRef, amount, currency, idempotencyKey); // PayPal-Request-Id replays it
        }
        com.paypal.payments.Refund answer = execute(new RefundsGetRequest(refundRef));
        return refundResult(answer.id(), answer.status());
    }

    /** PayPal's refund states: COMPLETED, PENDING, FAILED, CANCELLED. */
    private static RefundResult refundResult(String id, String status) {
        return switch (status == null ? "PENDING" : status) {
            case "COMPLETED" -> RefundResult.succeeded(id);
            case "FAILED", "CANCELLED" -> RefundResult.failed(id);
            default -> RefundResult.pending(id);
        };
    }

    /**
     * Asks PayPal whether a webhook delivery is genuine (POST /v1/notifications/verify-webhook-signature).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public boolean verifyWebhook(Map<String, Object> verification) {
        HttpRequest<Map> request = new HttpRequest<>("/v1/notifications/verify-webhook-signature", "POST", Map.class);
        request.header("Content-Type", "application/json");
        request.requestBody(verification);
        Map<String, Object> answer = execute(request);
        return answer != null && "SUCCESS".equals(answer.get("verification_status"));
    }

    private ChargeResult result(Order order, String idempotencyKey) {
        String status = order.status();
        return switch (status) {
            case "COMPLETED" -> captureStatus(order);
            case "APPROVED" -> capture(order.id(), idempotencyKey);
            case "VOIDED" -> ChargeResult.failed(order.id(), "voided", "The buyer did not approve the order.");
            default -> new ChargeResult("pending", order.id(), approveLink(order), null, null, null, null);
        };
    }

    private static ChargeResult captureStatus(Order order) {
        var captures = order.purchaseUnits() == null || order.purchaseUnits().isEmpty()
                || order.purchaseUnits().get(0).payments() == null ? null
                : order.purchaseUnits().get(0).payments().captures();
        String capture = captures == null || captures.isEmpty() ? "COMPLETED" : captures.get(0).status();
        return switch (capture) {
            case "COMPLETED" -> ChargeResult.succeeded(order.id());
            case "DECLINED", "FAILED" -> ChargeResult.failed(order.id(), "capture_" + capture.toLowerCase(),
                    "PayPal declined the capture.");
            default -> ChargeResult.pending(order.id());
        };
    }

    private static String approveLink(Order order) {
        if (order.links() == null) {
            return null;
        }
        return order.links().stream().filter(l -> "approve".equals(l.rel()) || "payer-action".equals(l.rel()))
                .map(l -> l.href()).findFirst().orElse(null);
    }

    private <T> T execute(HttpRequest<T> request) {
        try {
            return client.execute(request).result();
        } catch (HttpException e) {
            throw new GatewayException("paypal: " + e.statusCode() + " " + e.getMessage(), e.statusCode() >= 500, e);
        } catch (InterruptedIOException e) {
            throw new GatewayException("paypal: no answer in time", true, e);
        } catch (IOException e) {
            throw new GatewayException("paypal: " + e.getMessage(), true, e);
        }
    }

    static String decimal(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString();
    }
}
