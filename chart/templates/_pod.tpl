{{/*
The client pod, for the Deployment (an emptyDir run folder) and, with persistence.enabled, the
StatefulSet (the run folder on each pod's own claim).
*/}}
{{- define "client.podTemplate" -}}
metadata:
  {{- if or .Values.podAnnotations .Values.metrics.enabled }}
  annotations:
    {{- if .Values.metrics.enabled }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ .Values.metrics.port | quote }}
    prometheus.io/path: /metrics
    {{- end }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
  labels:
    {{- include "client.selectorLabels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- with .Values.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: client
      image: {{ include "client.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      {{- with .Values.extraArgs }}
      args:
        {{- range . }}
        - {{ . | quote }}
        {{- end }}
      {{- end }}
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        {{- if .Values.persistence.enabled }}
        # The run folder on the pod's own claim, at the same path in every process of this pod: a
        # restarted or rescheduled pod continues its history there.
        - name: RUN_DIR
          value: /data/run
        {{- end }}
        - name: MARIADB_HOST
          value: {{ .Values.mariadb.host | quote }}
        - name: MARIADB_PORT
          value: {{ .Values.mariadb.port | toString | quote }}
        - name: MARIADB_USER
          value: {{ .Values.mariadb.user | quote }}
        - name: MARIADB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ .Values.mariadb.passwordSecret.name | quote }}
              key: {{ .Values.mariadb.passwordSecret.key | quote }}
        - name: MARIADB_DATABASE
          value: {{ .Values.mariadb.database | quote }}
        {{- with .Values.mariadb.nodes }}
        - name: MARIADB_NODES
          value: {{ . | quote }}
        {{- end }}
        {{- if .Values.mariadb.tls.enabled }}
        - name: MARIADB_SSL_MODE
          value: {{ .Values.mariadb.tls.mode | quote }}
        - name: MARIADB_SSL_CA
          value: /etc/mariadb-tls/ca/ca.crt
        {{- if .Values.mariadb.tls.clientCertSecret.name }}
        - name: MARIADB_SSL_CERT
          value: /etc/mariadb-tls/client/tls.crt
        - name: MARIADB_SSL_KEY
          value: /etc/mariadb-tls/client/tls.key
        {{- end }}
        {{- end }}
        - name: WRITE_INTERVAL
          value: {{ .Values.client.writeInterval | toString | quote }}
        {{- with .Values.client }}
        {{- if ne .pool "none" }}
        - name: POOL
          value: {{ .pool | quote }}
        {{- end }}
        {{- if .poolSize }}
        - name: POOL_SIZE
          value: {{ .poolSize | toString | quote }}
        {{- end }}
        {{- if ne .poolEvictOn "none" }}
        - name: POOL_EVICT_ON
          value: {{ .poolEvictOn | quote }}
        {{- end }}
        {{- if ne (int .transactionRows) 1 }}
        - name: TRANSACTION_ROWS
          value: {{ .transactionRows | toString | quote }}
        {{- end }}
        {{- if .readCheck }}
        - name: READ_CHECK
          value: "on"
        {{- with .readHost }}
        - name: READ_HOST
          value: {{ . | quote }}
        {{- end }}
        - name: READ_CHECK_TIMEOUT
          value: {{ .readCheckTimeout | toString | quote }}
        {{- end }}
        {{- end }}
        {{- if not .Values.client.id }}
        - name: CLIENT_ID
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        {{- else if gt (int .Values.replicaCount) 1 }}
        - name: CLIENT_ID
          value: {{ printf "%s-$(POD_NAME)" .Values.client.id | quote }}
        {{- else }}
        - name: CLIENT_ID
          value: {{ .Values.client.id | quote }}
        {{- end }}
        {{- if .Values.metrics.enabled }}
        - name: HTTP_PORT
          value: {{ .Values.metrics.port | toString | quote }}
        {{- end }}
        {{- with .Values.javaOptions }}
        - name: JDK_JAVA_OPTIONS
          value: {{ . | quote }}
        {{- end }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if .Values.metrics.enabled }}
      ports:
        - name: metrics
          containerPort: {{ .Values.metrics.port }}
          protocol: TCP
      # /healthz answers 200 from the first write attempt (or the first failed attempt to reach the
      # database, which is then retried up to STARTUP_TIMEOUT) until the writers stop; the endpoint
      # starts after that first attempt so as not to delay it under a 100m CPU limit.
      startupProbe:
        httpGet:
          path: /healthz
          port: metrics
        periodSeconds: 5
        failureThreshold: 36
      livenessProbe:
        httpGet:
          path: /healthz
          port: metrics
        periodSeconds: 10
        timeoutSeconds: 5
        failureThreshold: 3
      readinessProbe:
        httpGet:
          path: /healthz
          port: metrics
        periodSeconds: 5
        timeoutSeconds: 5
      {{- end }}
      {{- with .Values.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumeMounts:
        # The default run folder runs/<UTC timestamp>-<client-id>/ is relative to the
        # working directory /app; the root filesystem is read-only.
        - name: runs
          mountPath: /app/runs
        - name: tmp
          mountPath: /tmp
        {{- if .Values.persistence.enabled }}
        - name: data
          mountPath: /data
        {{- end }}
        {{- if .Values.mariadb.tls.enabled }}
        # Directories, not subPath mounts: Kubernetes updates these in place when a Secret rotates.
        - name: tls-ca
          mountPath: /etc/mariadb-tls/ca
          readOnly: true
        {{- if .Values.mariadb.tls.clientCertSecret.name }}
        - name: tls-client
          mountPath: /etc/mariadb-tls/client
          readOnly: true
        {{- end }}
        {{- end }}
  volumes:
    - name: runs
      emptyDir: {}
    - name: tmp
      emptyDir: {}
    {{- if .Values.mariadb.tls.enabled }}
    - name: tls-ca
      secret:
        secretName: {{ include "client.caSecret" . | quote }}
        items:
          - key: {{ .Values.mariadb.tls.caSecret.key | quote }}
            path: ca.crt
    {{- if .Values.mariadb.tls.clientCertSecret.name }}
    - name: tls-client
      secret:
        secretName: {{ .Values.mariadb.tls.clientCertSecret.name | quote }}
        defaultMode: 288 # 0440: the key readable by the pod's user and group only
        items:
          - key: tls.crt
            path: tls.crt
          - key: tls.key
            path: tls.key
    {{- end }}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
