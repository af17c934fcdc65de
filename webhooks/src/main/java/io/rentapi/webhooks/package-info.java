package io.rentapi.webhooks;
