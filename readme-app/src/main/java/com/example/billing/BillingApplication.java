package com.example.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of README.md's quick start, as Spring Initializr would generate it.
 */
@SpringBootApplication
public class BillingApplication {

	/**
	 * Run the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(BillingApplication.class, args);
	}

}
