package io.rentapi.billing;
